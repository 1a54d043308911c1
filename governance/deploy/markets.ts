import { encodeBytes32String, type Interface } from "ethers";
import { FuturesMarket__factory } from "../../typechain-types/factories/contracts/market/FuturesMarket__factory.js";
import { OptionsMarket__factory } from "../../typechain-types/factories/contracts/market/OptionsMarket__factory.js";
import { PegController__factory } from "../../typechain-types/factories/contracts/market/PegController__factory.js";
import { SpotMarket__factory } from "../../typechain-types/factories/contracts/market/SpotMarket__factory.js";
import { MockPriceOracle__factory } from "../../typechain-types/factories/contracts/mocks/MockPriceOracle__factory.js";
import { MockSSTB__factory } from "../../typechain-types/factories/contracts/mocks/MockSSTB__factory.js";
import { MockUSDC__factory } from "../../typechain-types/factories/contracts/mocks/MockUSDC__factory.js";
import { ROLES } from "../contracts.js";
import { Stab3lError } from "../errors.js";
import type { DeployModule, ModuleContext } from "./modules.js";

/** Chain ids where test doubles (mock oracle, sSTB, quote token) may stand in for missing dependencies. */
export const LOCAL_CHAIN_IDS: ReadonlySet<bigint> = new Set([31337n, 31338n, 1337n]);

/** Options of the markets module; every field has a local default. */
export interface MarketsOptions {
  /** Quote token (a USD stablecoin) on real networks; locally a MockUSDC is deployed when absent. */
  quoteToken?: string;
  /** Allow test doubles for missing dependencies; defaults to true on LOCAL_CHAIN_IDS only. */
  allowTestDoubles?: boolean;
}

/** Selectors of `names` in `iface`. */
export function selectors(iface: Interface, names: readonly string[]): string[] {
  return names.map((n) => {
    const fn = iface.getFunction(n);
    if (!fn) throw new Stab3lError(`no function ${n} in the ABI`);
    return fn.selector;
  });
}

/** Map `names` of `target` to `roleId` (the deployer is still the authority's admin during modules). */
export async function mapRole(
  ctx: ModuleContext,
  target: string,
  iface: Interface,
  names: readonly string[],
  roleId: bigint,
): Promise<void> {
  await (await ctx.core.authority.setTargetFunctionRole(target, selectors(iface, names), roleId)).wait();
}

function doublesAllowed(ctx: ModuleContext, allow: boolean | undefined): boolean {
  return allow ?? LOCAL_CHAIN_IDS.has(ctx.chain.chainId);
}

/**
 * sSTB of this deployment: issue 3's SSTBToken when present, else (local chains only) a MockSSTB wired with the
 * same roles. `publicFaucet` maps the mock's faucet to PUBLIC_ROLE (the local home chain); elsewhere it stays
 * ADMIN-only so only the bridge can mint.
 */
export async function resolveSstb(
  ctx: ModuleContext,
  options: { allowTestDoubles?: boolean; publicFaucet: boolean },
): Promise<string> {
  if (ctx.contracts.SSTBToken) return ctx.contracts.SSTBToken;
  if (ctx.contracts.MockSSTB) return ctx.contracts.MockSSTB;
  if (!doublesAllowed(ctx, options.allowTestDoubles)) {
    throw new Stab3lError(`chain ${ctx.chain.chainId}: no SSTBToken in the deployment and test doubles are off`);
  }
  const authority = await ctx.core.authority.getAddress();
  const mock = await (await new MockSSTB__factory(ctx.deployer).deploy(authority)).waitForDeployment();
  const address = await mock.getAddress();
  ctx.contracts.MockSSTB = address;
  await mapRole(ctx, address, mock.interface, ["mint"], ROLES.SSTB_MINTER);
  await mapRole(ctx, address, mock.interface, ["burn"], ROLES.SSTB_BURNER);
  if (options.publicFaucet) await mapRole(ctx, address, mock.interface, ["faucet"], ROLES.PUBLIC);
  ctx.log(`MockSSTB ${address} (test double for SSTBToken${options.publicFaucet ? ", public faucet" : ""})`);
  return address;
}

/** The price oracle: issue 3's PriceOracle when present, else (local chains only) a MockPriceOracle at $0.06. */
export async function resolveOracle(ctx: ModuleContext, allowTestDoubles?: boolean): Promise<string> {
  if (ctx.contracts.PriceOracle) return ctx.contracts.PriceOracle;
  if (ctx.contracts.MockPriceOracle) return ctx.contracts.MockPriceOracle;
  if (!doublesAllowed(ctx, allowTestDoubles)) {
    throw new Stab3lError(`chain ${ctx.chain.chainId}: no PriceOracle in the deployment and test doubles are off`);
  }
  const mock = await (await new MockPriceOracle__factory(ctx.deployer).deploy()).waitForDeployment();
  const address = await mock.getAddress();
  await (await mock.setPrice(CU_USD, 6n * 10n ** 16n)).wait();
  ctx.contracts.MockPriceOracle = address;
  ctx.log(`MockPriceOracle ${address} (test double for PriceOracle, CU/USD = $0.06)`);
  return address;
}

/** Asset id of the CU price (Assets.CU_USD). */
export const CU_USD = encodeBytes32String("CU/USD");

/** Functions of each market contract that users call: mapped to PUBLIC_ROLE so guardians can pause them. */
export const MARKET_PUBLIC_FUNCTIONS = {
  SpotMarket: ["addLiquidity", "removeLiquidity", "swap"],
  FuturesMarket: [
    "openPosition",
    "addMargin",
    "removeMargin",
    "closePosition",
    "liquidate",
    "settle",
    "fixSettlementPrice",
    "fundInsurance",
  ],
  OptionsMarket: ["write", "buy", "cancelUnsold", "exercise", "reclaim", "fixSettlementPrice"],
  PegController: ["poke"],
} as const;

/**
 * The markets: SpotMarket, FuturesMarket, OptionsMarket and the PegController whose breaker the spot and futures
 * markets consult. Setters stay on ADMIN (the Timelock); user functions go to PUBLIC_ROLE. Must run after the
 * minting and staking module (issue 3), whose PriceOracle and SSTBToken it uses when present.
 */
export function marketsModule(options: MarketsOptions = {}): DeployModule {
  return {
    name: "markets",
    roles: [],
    async deploy(ctx) {
      const authority = await ctx.core.authority.getAddress();
      const params = await ctx.core.parameters.getAddress();
      const sstb = await resolveSstb(ctx, { allowTestDoubles: options.allowTestDoubles, publicFaucet: true });
      const oracle = await resolveOracle(ctx, options.allowTestDoubles);
      let quote = options.quoteToken ?? ctx.contracts.MockUSDC;
      if (!quote) {
        if (!doublesAllowed(ctx, options.allowTestDoubles)) {
          throw new Stab3lError(`chain ${ctx.chain.chainId}: markets need a quoteToken address`);
        }
        const mock = await (await new MockUSDC__factory(ctx.deployer).deploy()).waitForDeployment();
        quote = await mock.getAddress();
        ctx.contracts.MockUSDC = quote;
        ctx.log(`MockUSDC ${quote} (test double quote token, 6 decimals)`);
      }

      const spot = await (
        await new SpotMarket__factory(ctx.deployer).deploy(authority, params, oracle, sstb, quote)
      ).waitForDeployment();
      const futures = await (
        await new FuturesMarket__factory(ctx.deployer).deploy(authority, params, oracle, quote)
      ).waitForDeployment();
      const optionsMarket = await (
        await new OptionsMarket__factory(ctx.deployer).deploy(authority, params, oracle, sstb, quote)
      ).waitForDeployment();
      const spotAddress = await spot.getAddress();
      const futuresAddress = await futures.getAddress();
      const peg = await (
        await new PegController__factory(ctx.deployer).deploy(authority, params, oracle, spotAddress, futuresAddress)
      ).waitForDeployment();
      const pegAddress = await peg.getAddress();
      Object.assign(ctx.contracts, {
        SpotMarket: spotAddress,
        FuturesMarket: futuresAddress,
        OptionsMarket: await optionsMarket.getAddress(),
        PegController: pegAddress,
      });
      // The deployer is the authority's admin until the handover, so it may call these ADMIN setters.
      await (await spot.setPegController(pegAddress)).wait();
      await (await futures.setPegController(pegAddress)).wait();

      const ifaces: Record<keyof typeof MARKET_PUBLIC_FUNCTIONS, Interface> = {
        SpotMarket: spot.interface,
        FuturesMarket: futures.interface,
        OptionsMarket: optionsMarket.interface,
        PegController: peg.interface,
      };
      for (const [name, fns] of Object.entries(MARKET_PUBLIC_FUNCTIONS) as [
        keyof typeof MARKET_PUBLIC_FUNCTIONS,
        readonly string[],
      ][]) {
        await mapRole(ctx, ctx.contracts[name], ifaces[name], fns, ROLES.PUBLIC);
      }
      ctx.log(
        `SpotMarket ${spotAddress}; FuturesMarket ${futuresAddress}; OptionsMarket ${ctx.contracts.OptionsMarket}`,
      );
      ctx.log(`PegController ${pegAddress} (breaker consulted by spot and futures)`);
    },
  };
}

import { encodeBytes32String, type Interface } from "ethers";
import { FuturesMarket__factory } from "../../typechain-types/factories/contracts/market/FuturesMarket__factory.js";
import { OptionsMarket__factory } from "../../typechain-types/factories/contracts/market/OptionsMarket__factory.js";
import { PegController__factory } from "../../typechain-types/factories/contracts/market/PegController__factory.js";
import { SpotMarket__factory } from "../../typechain-types/factories/contracts/market/SpotMarket__factory.js";
import { MockUSDC__factory } from "../../typechain-types/factories/contracts/mocks/MockUSDC__factory.js";
import { ROLES } from "../contracts.js";
import { Stab3lError } from "../errors.js";
import { assertLocalChain } from "./local-chain.js";
import type { DeployModule, ModuleContext } from "./modules.js";

/** Options of the markets module. */
export interface MarketsOptions {
  /** Quote token; defaults to `config.external.quoteToken`, and locally to a freshly deployed MockUSDC. */
  quoteToken?: string;
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
 * prices & sSTB module, whose PriceOracle and SSTBToken it uses.
 */
export function marketsModule(options: MarketsOptions = {}): DeployModule {
  return {
    name: "markets",
    roles: [],
    preflight(chainId, config) {
      if (!options.quoteToken && !config.external?.quoteToken) {
        assertLocalChain(chainId, "the open-mint quote token MockUSDC");
      }
    },
    async deploy(ctx) {
      const authority = await ctx.core.authority.getAddress();
      const params = await ctx.core.parameters.getAddress();
      const sstb = ctx.contracts.SSTBToken;
      const oracle = ctx.contracts.PriceOracle;
      if (!sstb || !oracle) throw new Stab3lError("the markets need the prices & sSTB module deployed first");
      let quote = options.quoteToken ?? ctx.config.external?.quoteToken ?? ctx.contracts.MockUSDC;
      if (!quote) {
        if (ctx.config.external) throw new Stab3lError("config.external.quoteToken is required on a real network");
        assertLocalChain(ctx.chain.chainId, "the open-mint quote token MockUSDC");
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

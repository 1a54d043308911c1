import type { Provider } from "ethers";
import { contractInterface } from "./abis.js";
import type { Deployment } from "./deployment.js";
import { DeploymentError } from "./errors.js";

/** ethers' "could not decode result data" (code BAD_DATA): a call answered with bytes its ABI cannot read. */
export function isBadData(
  err: unknown,
): err is Error & { code: "BAD_DATA"; value?: string; info?: { method?: string; signature?: string } } {
  return err instanceof Error && (err as { code?: unknown }).code === "BAD_DATA";
}

/**
 * Name what a BAD_DATA error means for a deployment. ethers' error gives the function, not the address, so the
 * contracts whose ABI has that function are the suspects: one without code at its address is named ("a wrong
 * address, or a chain that was reset"); otherwise the one that answered with data the ABI cannot decode.
 * Returns the original error when no deployment contract has the function.
 */
export async function explainBadData(
  err: Error & { value?: string; info?: { method?: string; signature?: string } },
  deployment: Deployment,
  provider: Provider,
  file: string,
): Promise<Error> {
  const signature = err.info?.signature ?? err.info?.method;
  if (!signature) return err;
  const suspects = Object.entries(deployment.contracts).filter(([name]) => {
    try {
      return Boolean(contractInterface(name)?.getFunction(signature));
    } catch {
      return false;
    }
  });
  if (suspects.length === 0) return err;
  const codes = await Promise.all(suspects.map(([, address]) => provider.getCode(address).catch(() => undefined)));
  const empty = suspects.filter((_, i) => codes[i] === "0x");
  const where = `chain ${deployment.chainId}`;
  if (empty.length > 0) {
    const list = empty.map(([name, address]) => `${name} at ${address}`).join(", ");
    return new DeploymentError(
      `${file}: ${list} has no contract code on ${where} (expected the ${empty.map(([n]) => n).join(", ")} contract): a wrong address in the deployment file, or a chain that was reset since the deployment`,
      { details: { contracts: Object.fromEntries(empty), call: signature }, cause: err },
    );
  }
  const names = suspects.map(([name, address]) => `${name} at ${address}`).join(" or ");
  return new DeploymentError(
    `${file}: ${names} answered ${signature} with data that does not decode (${err.value === "0x" ? "empty" : "unexpected"}): is the address in the deployment file that contract?`,
    { details: { contracts: Object.fromEntries(suspects), call: signature, value: err.value }, cause: err },
  );
}

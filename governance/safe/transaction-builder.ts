import { getAddress, Result } from "ethers";
import { contractInterface } from "../abis.js";
import { contractNameAt, type SdkContext } from "../context.js";
import type { SafeCall } from "./transactions.js";

/**
 * The Safe{Wallet} Transaction Builder's batch file: other Safe tools import it. Each call carries its raw
 * `data`; when the target is a known contract the method and its input values are filled in too, so the
 * Transaction Builder shows what is called. No checksum is written (the field is optional).
 */
export interface TransactionBuilderBatch {
  version: "1.0";
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: string;
    createdFromOwnerAddress: string;
  };
  transactions: {
    to: string;
    value: string;
    data: string;
    contractMethod: {
      name: string;
      payable: boolean;
      inputs: { name: string; type: string; internalType: string }[];
    } | null;
    contractInputsValues: Record<string, string> | null;
  }[];
}

function inputValue(value: unknown): string {
  if (value instanceof Result) return inputValue(value.toArray());
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => (typeof v === "bigint" ? v.toString() : v)));
  if (typeof value === "bigint") return value.toString();
  return String(value);
}

/**
 * A Transaction Builder batch of `calls` for `safe` (pure; pass `createdAt` for a reproducible file).
 */
export function toTransactionBuilder(
  ctx: SdkContext,
  safe: string,
  calls: readonly SafeCall[],
  meta: { name: string; description?: string; createdAt?: number; owner?: string },
): TransactionBuilderBatch {
  return {
    version: "1.0",
    chainId: String(ctx.deployment.chainId),
    createdAt: meta.createdAt ?? Date.now(),
    meta: {
      name: meta.name,
      description: meta.description ?? "",
      txBuilderVersion: "1.18.0",
      createdFromSafeAddress: getAddress(safe),
      createdFromOwnerAddress: meta.owner ?? "",
    },
    transactions: calls.map((c) => {
      const contract = contractNameAt(ctx, c.to);
      const iface = contract ? contractInterface(contract) : undefined;
      let contractMethod: TransactionBuilderBatch["transactions"][number]["contractMethod"] = null;
      let contractInputsValues: Record<string, string> | null = null;
      if (iface && c.data.length >= 10) {
        try {
          const fragment = iface.getFunction(c.data.slice(0, 10));
          if (fragment) {
            const args = iface.decodeFunctionData(fragment, c.data);
            contractMethod = {
              name: fragment.name,
              payable: fragment.payable,
              inputs: fragment.inputs.map((i) => ({ name: i.name, type: i.type, internalType: i.type })),
            };
            contractInputsValues = Object.fromEntries(
              fragment.inputs.map((input, i) => [input.name || `arg${i}`, inputValue(args[i])]),
            );
          }
        } catch {
          contractMethod = null;
          contractInputsValues = null;
        }
      }
      return {
        to: getAddress(c.to),
        value: c.value.toString(),
        data: c.data,
        contractMethod,
        contractInputsValues,
      };
    }),
  };
}

import { concat, getAddress, Interface, toBeHex, zeroPadValue } from "ethers";
import { InputError } from "../errors.js";

/** One transaction inside a Safe MultiSend batch. */
export interface MultiSendTransaction {
  /** 0 = call, 1 = delegatecall (MultiSendCallOnly forbids 1). */
  operation: 0 | 1;
  to: string;
  value: bigint;
  data: string;
}

export const MULTISEND_INTERFACE = new Interface(["function multiSend(bytes transactions) payable"]);
export const MULTISEND_SELECTOR = MULTISEND_INTERFACE.getFunction("multiSend")!.selector;

/**
 * Pack transactions as MultiSend expects: for each, operation (1 byte), to (20), value (32), data length
 * (32), data. Returns the calldata of `multiSend(bytes)`.
 */
export function encodeMultiSend(transactions: readonly MultiSendTransaction[]): string {
  const packed = concat(
    transactions.map((t) => {
      const data = t.data === "0x" ? "0x" : t.data;
      return concat([
        toBeHex(t.operation, 1),
        getAddress(t.to),
        zeroPadValue(toBeHex(t.value), 32),
        zeroPadValue(toBeHex((data.length - 2) / 2), 32),
        data,
      ]);
    }),
  );
  return MULTISEND_INTERFACE.encodeFunctionData("multiSend", [packed]);
}

/** Unpack the `transactions` bytes of a multiSend call. Throws InputError on truncated data. */
export function decodeMultiSendTransactions(packed: string): MultiSendTransaction[] {
  const hex = packed.toLowerCase().replace(/^0x/, "");
  const out: MultiSendTransaction[] = [];
  let i = 0;
  const take = (bytes: number) => {
    if (i + bytes * 2 > hex.length) throw new InputError(`MultiSend data is truncated at byte ${i / 2}`);
    const part = hex.slice(i, i + bytes * 2);
    i += bytes * 2;
    return part;
  };
  while (i < hex.length) {
    const operation = parseInt(take(1), 16);
    if (operation !== 0 && operation !== 1) throw new InputError(`MultiSend operation ${operation} is not 0 or 1`);
    const to = getAddress("0x" + take(20));
    const value = BigInt("0x" + take(32));
    const length = Number(BigInt("0x" + take(32)));
    const data = "0x" + take(length);
    out.push({ operation: operation as 0 | 1, to, value, data });
  }
  return out;
}

/** The transactions of multiSend calldata, or undefined when `data` is not a multiSend call. */
export function decodeMultiSend(data: string): MultiSendTransaction[] | undefined {
  if (!data.toLowerCase().startsWith(MULTISEND_SELECTOR)) return undefined;
  try {
    const [packed] = MULTISEND_INTERFACE.decodeFunctionData("multiSend", data);
    return decodeMultiSendTransactions(packed);
  } catch {
    return undefined;
  }
}

import { expect } from "chai";
import { Wallet, getBytes, id } from "ethers";
import { InputError } from "../../governance/errors.js";
import { combineSafeTxFiles, recoverSafeSigner, type SafeTxFile } from "../../governance/safe/transactions.js";

describe("Safe signature files: every signature is the owner it claims", () => {
  const safeTxHash = id("a Safe transaction");
  const alice = new Wallet(id("alice"));
  const bob = new Wallet(id("bob"));
  const file = (signatures: SafeTxFile["signatures"]) =>
    ({ safe: "0x000000000000000000000000000000000000dEaD", chainId: "31337", safeTxHash, signatures }) as SafeTxFile;
  const typed = (w: Wallet) => w.signingKey.sign(safeTxHash).serialized as `0x${string}`; // EIP-712 digest, v 27/28

  it("recovers EIP-712 (v 27/28) and eth_sign (v 31/32) signatures", async () => {
    expect(recoverSafeSigner(safeTxHash, typed(alice))).to.equal(alice.address);
    const ethSign = await alice.signMessage(getBytes(safeTxHash));
    const v = parseInt(ethSign.slice(-2), 16) + 4;
    expect(recoverSafeSigner(safeTxHash, ethSign.slice(0, -2) + v.toString(16))).to.equal(alice.address);
    expect(recoverSafeSigner(safeTxHash, "0x" + "00".repeat(64) + "01")).to.equal(undefined); // approved hash
  });

  it("combines genuine signatures and refuses one attributed to someone else", () => {
    const combined = combineSafeTxFiles([
      file([{ signer: alice.address, data: typed(alice) }]),
      file([{ signer: bob.address, data: typed(bob) }]),
    ]);
    expect(combined.signatures.map((s) => s.signer)).to.deep.equal([alice.address, bob.address]);
    expect(() => combineSafeTxFiles([file([{ signer: bob.address, data: typed(alice) }])])).to.throw(
      InputError,
      `the signature attributed to ${bob.address} was made by ${alice.address}: not using it`,
    );
  });
});

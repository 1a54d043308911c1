import { expect } from "chai";
import { getAddress } from "ethers";
import { sdkContext } from "../../governance/context.js";
import { decodeProposal, titleOf } from "../../governance/decode/proposal.js";
import { InputError } from "../../governance/errors.js";
import {
  checkProposer,
  descriptionParts,
  displayDescription,
  PROPOSER_MARKER,
  withProposer,
  withRevision,
  type Proposal,
} from "../../governance/proposal.js";
import { proposalTitle } from "../../indexer/ids.js";
import { fakeDeployment } from "./helpers.js";

const ALICE = getAddress("0x" + "a1".repeat(20));
const BOB = getAddress("0x" + "b0".repeat(20));
const BODY = "# Shorten the re-pause cooldown\n\nBecause drills showed it.\n";

describe("proposer-bound descriptions (#proposer= suffix, revisions)", () => {
  it("ends with the suffix OpenZeppelin's Governor checks: the marker 52 characters from the end", () => {
    const d = withProposer(BODY, ALICE.toLowerCase());
    expect(d).to.equal(`${BODY}\n${PROPOSER_MARKER}${ALICE}`);
    expect(d.slice(-52, -42)).to.equal("#proposer=");
    expect(d.slice(-42)).to.equal(ALICE);
  });

  it("is idempotent for the same proposer and refuses to rebind to another", () => {
    const d = withProposer(BODY, ALICE);
    expect(withProposer(d, ALICE.toLowerCase())).to.equal(d);
    expect(() => withProposer(d, BOB)).to.throw(InputError, `bound to proposer ${ALICE}, not ${BOB}`);
    expect(() => checkProposer({ actions: [], description: d }, BOB)).to.throw(
      InputError,
      "GovernorRestrictedProposer",
    );
    expect(() => checkProposer({ actions: [], description: d }, ALICE)).not.to.throw();
    expect(() => checkProposer({ actions: [], description: BODY }, BOB)).not.to.throw();
  });

  it("splits off the suffix for people; titles and decoded descriptions never show it", () => {
    const d = withProposer(BODY, ALICE);
    expect(descriptionParts(d)).to.deep.equal({ body: BODY, proposer: ALICE, revision: undefined });
    expect(displayDescription(d)).to.equal(BODY);
    expect(displayDescription(BODY)).to.equal(BODY);
    expect(titleOf(withProposer("", ALICE))).to.equal("");
    expect(titleOf(d)).to.equal("Shorten the re-pause cooldown");
    const p: Proposal = { actions: [], description: d };
    const decoded = decodeProposal(p, sdkContext(fakeDeployment()));
    expect(decoded.description).to.equal(BODY);
    expect(decoded.boundProposer).to.equal(ALICE);
    // The indexer's titles (Tally's metadata.title) agree; metadata.description stays exact for hashing.
    expect(proposalTitle(d)).to.equal("Shorten the re-pause cooldown");
    expect(proposalTitle(withProposer("", ALICE))).to.equal("");
  });

  it("numbers revisions before the suffix, replacing an earlier revision line", () => {
    const d = withProposer(BODY, ALICE);
    const r2 = withRevision(d, 2);
    expect(r2).to.equal(`${BODY}\nRevision 2\n\n#proposer=${ALICE}`);
    expect(descriptionParts(r2)).to.deep.equal({ body: `${BODY}\nRevision 2\n`, proposer: ALICE, revision: 2 });
    expect(withRevision(r2, 3)).to.equal(`${BODY}\nRevision 3\n\n#proposer=${ALICE}`);
    expect(withRevision(BODY, 2)).to.equal(`${BODY}\nRevision 2\n`);
    expect(() => withRevision(d, 1)).to.throw(InputError, "revisions start at 2");
  });
});

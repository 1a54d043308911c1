/**
 * The GraphQL schema: a subset of Tally's public API with Tally's type, field and argument names (so a client
 * written for Tally works unchanged), plus STAB3L's protocol queries. Read-only: there is no Mutation type.
 * docs/API.md lists what is implemented and where shapes differ.
 */
export const typeDefs = /* GraphQL */ `
  """
  CAIP-10 account id: eip155:<chainId>:<checksummed address>
  """
  scalar AccountID
  "0x-prefixed 20-byte hex address"
  scalar Address
  "Token id: eip155:<chainId>/erc20:<address>"
  scalar AssetID
  "Block id: eip155:<chainId>:<block number>"
  scalar BlockID
  "0x-prefixed hex bytes"
  scalar Bytes
  "0x-prefixed 32-byte hex"
  scalar Bytes32
  "CAIP-2 chain id: eip155:<chainId>"
  scalar ChainID
  "0x-prefixed 32-byte transaction hash"
  scalar Hash
  "An integer id, serialised as a decimal string"
  scalar IntID
  "Any JSON value"
  scalar JSON
  "ISO-8601 UTC time, e.g. 2026-11-25T13:15:00Z"
  scalar Timestamp
  "A uint256 (or a signed change of one) as a decimal string"
  scalar Uint256

  type Query {
    "Returns governor by id (CAIP-10 of the Governor contract) or slug."
    governor(input: GovernorInput!): Governor!
    "The governors of an organization (here: the one STAB3L Governor)."
    governors(input: GovernorsInput): PaginatedOutput!
    "Returns the organization by id or slug."
    organization(input: OrganizationInput!): Organization!
    "Returns a paginated list of proposals that match the filters, newest first by default."
    proposals(input: ProposalsInput!): PaginatedOutput!
    "Returns a proposal by id, or by onchainId (+ governorId)."
    proposal(input: ProposalInput!): Proposal!
    "Returns a paginated list of delegates that match the filters."
    delegates(input: DelegatesInput!): PaginatedOutput!
    "Returns delegate information by address; null when the address never was a delegate."
    delegate(input: DelegateInput!): Delegate
    "Returns a paginated list of votes that match the filters."
    votes(input: VotesInput!): PaginatedOutput!
    "Accounts by CAIP-10 ids and/or addresses, in the order given."
    accounts(ids: [AccountID!], addresses: [Address!]): [Account!]!
    "One account by CAIP-10 id."
    account(id: AccountID!): Account!
    "The governance token."
    token(input: TokenInput!): Token!

    "STAB3L: every ParameterStore parameter with its rules, the value in force and any scheduled change."
    parameters(input: ParametersInput): [Parameter!]!
    "STAB3L: one parameter by catalog name (e.g. guardian.maxPauseDuration) or bytes32 key."
    parameter(key: String!): Parameter!
    "STAB3L: registrations, changes, schedules, cancellations, bounds and rule changes of one parameter, newest first."
    parameterHistory(key: String!, page: PageInput): ParameterChangesPage!
    "STAB3L: pauses recorded by the authority (latest state per target and selector)."
    pauses(activeOnly: Boolean, target: Address): [Pause!]!
    "STAB3L: what the guardians did (pauses, proposal cancellations), newest first."
    guardianActions(page: PageInput): GuardianActionsPage!
    """
    STAB3L: decoded events of the watched contracts, newest first (for contracts without a dedicated query).
    Votes and voting-power changes are served by votes and Delegate.voteChanges instead. Addresses in args are
    lower-case.
    """
    events(input: EventsInput): ContractEventsPage!
    "STAB3L: transactions executed by the core or guardian Safe, newest first."
    safeTransactions(safe: Address!, page: PageInput): SafeTransactionsPage!
    "STAB3L: the indexer's health and lag."
    indexerStatus: IndexerStatus!
  }

  "Cursor pagination. Only one of afterCursor and beforeCursor may be given."
  input PageInput {
    "Cursor to start pagination after, to fetch the next page"
    afterCursor: String
    "Cursor to start pagination before, to fetch the previous page"
    beforeCursor: String
    "Items per page: 1..100, default 20"
    limit: Int
  }

  "Page metadata: cursors of the first and last item, and the total number of items matching the filters."
  type PageInfo {
    count: Int
    firstCursor: String
    lastCursor: String
  }

  "Union of all node types that are paginated."
  union Node = Delegate | Governor | Proposal | Vote

  "Wraps a list of nodes and the pagination info"
  type PaginatedOutput {
    nodes: [Node!]!
    pageInfo: PageInfo!
  }

  # ---------------------------------------------------------------- Tally-compatible types

  type Block {
    id: BlockID!
    number: Int!
    timestamp: Timestamp!
    ts: Timestamp!
  }

  type BlocklessTimestamp {
    timestamp: Timestamp!
  }

  union BlockOrTimestamp = Block | BlocklessTimestamp

  enum AccountType {
    EOA
    SAFE
  }

  type Account {
    id: ID!
    address: Address!
    ens: String
    name: String!
    bio: String!
    picture: String
    twitter: String
    type: AccountType!
    safes: [AccountID!]
    "Current votes of this account as a delegate of the governor."
    votes(governorId: AccountID!): Uint256!
    proposalsCreatedCount(input: ProposalsCreatedCountInput!): Int!
  }

  input ProposalsCreatedCountInput {
    governorId: AccountID
    organizationId: IntID
  }

  enum GovernorType {
    openzeppelingovernor
  }

  enum GovernorKind {
    single
  }

  enum TokenType {
    ERC20
  }

  type Token {
    id: AssetID!
    name: String!
    symbol: String!
    decimals: Int!
    "Supply derived from Transfer events."
    supply: Uint256!
    type: TokenType!
    isBehind: Boolean!
    isIndexing: Boolean!
    lastIndexedBlock: Block!
  }

  input TokenInput {
    id: AssetID!
  }

  type GovernorContract {
    address: Address!
    lastBlock: Int!
    type: GovernorType!
  }

  type TokenContract {
    address: Address!
    lastBlock: Int!
    type: TokenType!
  }

  type Contracts {
    governor: GovernorContract!
    tokens: [TokenContract!]!
  }

  type GovernorParameters {
    clockMode: String
    proposalThreshold: Uint256
    quorumDenominator: Uint256
    quorumNumerator: Uint256
    quorumVotes: Uint256
    votingDelay: Uint256
    votingPeriod: Uint256
    "STAB3L: seconds (or blocks) added when quorum is reached late."
    lateQuorumVoteExtension: Uint256
    "STAB3L: the Timelock's minimum delay in seconds."
    timelockMinDelay: Uint256
    "STAB3L: the proposal guardian (the guardian Safe), who may cancel proposals."
    proposalGuardian: Address
  }

  type ProposalStats {
    total: Int!
    active: Int!
    failed: Int!
    passed: Int!
  }

  type GovernorMetadata {
    description: String
  }

  type Governor {
    id: AccountID!
    chainId: ChainID!
    name: String!
    slug: String!
    type: GovernorType!
    kind: GovernorKind!
    isPrimary: Boolean!
    isIndexing: Boolean!
    isBehind: Boolean!
    lastIndexedBlock: Block!
    "The minimum votes (for + abstain) currently required to pass a proposal."
    quorum: Uint256!
    timelockId: AccountID
    tokenId: AssetID!
    token: Token!
    proposalStats: ProposalStats!
    parameters: GovernorParameters!
    delegatesCount: Int!
    delegatesVotesCount: Uint256!
    tokenOwnersCount: Int!
    contracts: Contracts!
    organization: Organization!
    metadata: GovernorMetadata
  }

  input GovernorInput {
    id: AccountID
    slug: String
  }

  input GovernorsInput {
    filters: GovernorsFiltersInput
    page: PageInput
  }

  input GovernorsFiltersInput {
    organizationId: IntID
    excludeSecondary: Boolean
    includeInactive: Boolean
  }

  type OrganizationMetadata {
    description: String
    color: String
    icon: String
  }

  type Organization {
    id: IntID!
    slug: String!
    name: String!
    chainIds: [ChainID!]!
    governorIds: [AccountID!]!
    tokenIds: [AssetID!]!
    proposalsCount: Int!
    delegatesCount: Int!
    delegatesVotesCount: Uint256!
    tokenOwnersCount: Int!
    hasActiveProposals: Boolean!
    metadata: OrganizationMetadata
  }

  input OrganizationInput {
    id: IntID
    slug: String
  }

  enum ProposalStatus {
    active
    canceled
    defeated
    executed
    expired
    extended
    pending
    queued
    succeeded
  }

  enum ProposalEventType {
    activated
    canceled
    created
    defeated
    executed
    extended
    queued
    succeeded
  }

  type ProposalEvent {
    block: Block
    chainId: ChainID!
    createdAt: Timestamp!
    txHash: Hash
    type: ProposalEventType!
  }

  enum ExecutableCallType {
    custom
    empty
    nativetransfer
  }

  type ExecutableCall {
    calldata: Bytes!
    chainId: ChainID!
    index: Int!
    "Function signature of the call when a known ABI decodes its selector, e.g. setParameter(bytes32,uint256)."
    signature: String
    target: Address!
    type: ExecutableCallType
    value: Uint256!
    "STAB3L: the call's arguments decoded with that ABI (JSON, uint256 as strings)."
    decodedArgs: JSON
  }

  type ProposalMetadata {
    title: String!
    description: String!
    "Unix seconds at which a queued proposal can be executed."
    eta: Int
    ipfsHash: String
    "Original deadline when late quorum extended the vote."
    previousEnd: Int
    snapshotURL: String
    discourseURL: String
    timelockId: AccountID
    "Transaction that created the proposal."
    txHash: Hash
  }

  enum VoteType {
    abstain
    against
    for
  }

  type VoteStats {
    type: VoteType!
    votesCount: Uint256!
    votersCount: Int!
    "Percent of the votes cast that went to this type (0..100)."
    percent: Float!
  }

  input VoteStatsInput {
    includePendingVotes: Boolean
  }

  enum ProposalParticipationType {
    notdelegate
    notvoted
    unknown
    votedabstain
    votedagainst
    votedfor
  }

  type Proposal {
    id: IntID!
    onchainId: String
    chainId: ChainID!
    createdAt: Timestamp!
    block: Block
    creator: Account
    proposer: Account
    "First timepoint when votes count (the snapshot)."
    start: BlockOrTimestamp!
    "Last timepoint when a vote can be cast (after any late-quorum extension)."
    end: BlockOrTimestamp!
    events: [ProposalEvent!]!
    executableCalls: [ExecutableCall!]
    governor: Governor!
    organization: Organization!
    metadata: ProposalMetadata!
    "Quorum at the snapshot (an estimate from the current supply while the proposal is pending)."
    quorum: Uint256
    status: ProposalStatus!
    voteStats(input: VoteStatsInput): [VoteStats!]
    "Votes of address at the proposal's snapshot."
    delegateVotesCount(address: Address!): Uint256!
    participationType(address: Address!): ProposalParticipationType!
    "STAB3L: the Safe that cancelled the proposal, when a Safe did."
    canceledBy: Account
  }

  input ProposalInput {
    id: IntID
    onchainId: String
    governorId: AccountID
    includeArchived: Boolean
    isLatest: Boolean
  }

  input ProposalsInput {
    filters: ProposalsFiltersInput!
    page: PageInput
    sort: ProposalsSortInput
  }

  input ProposalsFiltersInput {
    governorId: AccountID
    organizationId: IntID
    "Address that created the proposal"
    proposer: Address
    "There are no drafts on chain: true returns an empty page."
    isDraft: Boolean
    includeArchived: Boolean
  }

  enum ProposalsSortBy {
    "The default sorting method. It sorts by date."
    id
  }

  input ProposalsSortInput {
    isDescending: Boolean!
    sortBy: ProposalsSortBy!
  }

  type Vote {
    id: IntID!
    amount: Uint256!
    block: Block!
    chainId: ChainID!
    proposal: Proposal!
    reason: String
    txHash: Hash!
    type: VoteType!
    voter: Account!
    isBridged: Boolean
    "STAB3L: params of castVoteWithReasonAndParams, if any."
    params: Bytes
  }

  input VotesInput {
    filters: VotesFiltersInput!
    page: PageInput
    sort: VotesSortInput
  }

  "Tally requires proposalId; here at least one of proposalId and voter is required."
  input VotesFiltersInput {
    proposalId: IntID
    voter: Address
    type: VoteType
  }

  "Spelled as in Tally's schema."
  enum VotesSoryBy {
    "The default sorting method. It sorts by date."
    id
    amount
  }

  input VotesSortInput {
    isDescending: Boolean!
    sortBy: VotesSoryBy!
  }

  type VotingPowerChange {
    delegate: Account!
    "Signed change."
    netChange: Uint256!
    newBalance: Uint256!
    prevBalance: Uint256!
    timestamp: Timestamp!
    token: Token!
    transaction: Transaction
  }

  type Transaction {
    id: Hash!
    block: Block!
  }

  type DelegateStatement {
    statement: String!
  }

  type Delegate {
    id: IntID!
    account: Account!
    chainId: ChainID
    delegatorsCount: Int!
    governor: Governor
    organization: Organization
    statement: DelegateStatement
    token: Token
    "The latest 100 voting power changes, newest first."
    voteChanges: [VotingPowerChange!]!
    "Votes now, or at the end of block blockNumber."
    votesCount(blockNumber: Int): Uint256!
  }

  input DelegateInput {
    address: Address!
    governorId: AccountID
    organizationId: IntID
  }

  input DelegatesInput {
    filters: DelegatesFiltersInput!
    page: PageInput
    sort: DelegatesSortInput
  }

  input DelegatesFiltersInput {
    address: Address
    governorId: AccountID
    organizationId: IntID
    hasVotes: Boolean
    hasDelegators: Boolean
    isSeekingDelegation: Boolean
    issueIds: [IntID!]
  }

  enum DelegatesSortBy {
    "Sorts by first appearance."
    id
    "Sorts by voting power."
    votes
    "Sorts by total delegators."
    delegators
    "No prioritisation here: same as votes."
    prioritized
  }

  input DelegatesSortInput {
    isDescending: Boolean!
    sortBy: DelegatesSortBy!
  }

  # ---------------------------------------------------------------- STAB3L protocol types

  type ScheduledChange {
    value: Uint256!
    "Unix seconds at which the value takes effect."
    effectiveAt: Int!
    txHash: Hash!
  }

  type Parameter {
    "Catalog name, e.g. staking.minPeriod"
    key: String!
    keyHex: Bytes32!
    "From the SDK catalog when the key is catalogued."
    domain: String
    description: String
    "None, Bps, Seconds, Wad, Flops, Usd8, TokenWei, Count or Percent"
    unit: String!
    "Value in force at the last indexed block."
    value: Uint256!
    min: Uint256!
    max: Uint256!
    "None, Absolute or RelativeBps"
    stepKind: String!
    maxStep: Uint256!
    "Seconds between two updates at least."
    cooldown: Int!
    "Effective time (unix seconds) of the value in force."
    updatedAt: Int!
    pending: ScheduledChange
    registeredAt: Block!
  }

  input ParametersInput {
    "Only these keys (names or bytes32 hex)."
    keys: [String!]
    "Only this catalog domain."
    domain: String
  }

  enum ParameterChangeKind {
    REGISTERED
    SET
    SCHEDULE_CANCELLED
    BOUNDS_SET
    RULES_SET
  }

  type ParameterChange {
    id: IntID!
    key: String!
    kind: ParameterChangeKind!
    oldValue: Uint256
    newValue: Uint256
    "For SET: unix seconds at which newValue takes (took) effect; later than the block for a scheduled change."
    effectiveAt: Int
    "For SET: true when a later ParameterScheduleCancelled withdrew it."
    cancelled: Boolean!
    "Bounds, rules or registration details."
    details: JSON
    block: Block!
    txHash: Hash!
  }

  type ParameterChangesPage {
    nodes: [ParameterChange!]!
    pageInfo: PageInfo!
  }

  enum PauseStatus {
    "A guardian pause that has not expired"
    ACTIVE
    "Confirmed by governance: lasts until governance unpauses"
    CONFIRMED
    "A guardian pause that ran out"
    EXPIRED
    "Lifted by governance"
    LIFTED
  }

  type PauseEvent {
    kind: String!
    pausedUntil: Uint256!
    block: Block!
    txHash: Hash!
  }

  type Pause {
    target: Address!
    "Deployment name of the target when known."
    targetName: String
    "0x00000000 pauses every restricted function of the target."
    selector: String!
    "Function signature when a known ABI has the selector."
    functionName: String
    status: PauseStatus!
    "Unix seconds; 18446744073709551615 when confirmed, 0 when lifted."
    pausedUntil: Uint256!
    guardian: Account
    reason: String
    history: [PauseEvent!]!
  }

  enum GuardianActionKind {
    PAUSE
    CANCEL_PROPOSAL
  }

  type GuardianAction {
    id: IntID!
    kind: GuardianActionKind!
    guardian: Account!
    target: Address
    targetName: String
    selector: String
    functionName: String
    pausedUntil: Uint256
    reason: String
    proposal: Proposal
    block: Block!
    txHash: Hash!
  }

  type GuardianActionsPage {
    nodes: [GuardianAction!]!
    pageInfo: PageInfo!
  }

  input EventsInput {
    "Deployment name, e.g. ParameterStore or guardian Safe"
    contract: String
    "Event name, e.g. RoleGranted"
    name: String
    page: PageInput
  }

  type ContractEvent {
    id: IntID!
    contract: String!
    address: Address!
    name: String!
    args: JSON!
    block: Block!
    txHash: Hash!
    logIndex: Int!
  }

  type ContractEventsPage {
    nodes: [ContractEvent!]!
    pageInfo: PageInfo!
  }

  type SafeTransaction {
    id: IntID!
    safe: Account!
    to: Address!
    value: Uint256!
    data: Bytes!
    operation: Int!
    "null while unknown (the execution event was not indexed)"
    success: Boolean
    safeTxHash: Bytes32
    block: Block!
    txHash: Hash!
  }

  type SafeTransactionsPage {
    nodes: [SafeTransaction!]!
    pageInfo: PageInfo!
  }

  type IndexerStatus {
    "starting, ok, behind, down, halted or stopped"
    status: String!
    chainId: ChainID!
    startBlock: Int!
    confirmations: Int!
    indexedBlock: Int!
    indexedTime: Timestamp
    headBlock: Int
    lagBlocks: Int
    lagSeconds: Int
    lastError: String
    consecutiveFailures: Int!
    retryInMs: Int
    "Backoff delay chosen after the last failure (doubles per consecutive failure, capped)"
    retryDelayMs: Int
    lastSuccessAt: String
    eventsIndexed: Int!
    skippedContracts: [String!]!
  }
`;

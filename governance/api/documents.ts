/**
 * The GraphQL documents the SDK sends. They use only Tally-compatible fields for the Tally part of the API, so
 * the same documents run against any server speaking that subset, plus STAB3L's protocol queries.
 */

const PROPOSAL_SUMMARY = /* GraphQL */ `
  fragment ProposalSummary on Proposal {
    id
    onchainId
    status
    createdAt
    block {
      number
    }
    proposer {
      address
    }
    start {
      ... on BlocklessTimestamp {
        timestamp
      }
      ... on Block {
        timestamp
      }
    }
    end {
      ... on BlocklessTimestamp {
        timestamp
      }
      ... on Block {
        timestamp
      }
    }
    metadata {
      title
      eta
      txHash
    }
    quorum
    voteStats {
      type
      votesCount
      votersCount
    }
  }
`;

const PAGE_INFO = /* GraphQL */ `
  fragment Page on PageInfo {
    firstCursor
    lastCursor
    count
  }
`;

export const PROPOSALS = /* GraphQL */ `
  ${PROPOSAL_SUMMARY}
  ${PAGE_INFO}
  query Proposals($input: ProposalsInput!) {
    proposals(input: $input) {
      nodes {
        ... on Proposal {
          ...ProposalSummary
        }
      }
      pageInfo {
        ...Page
      }
    }
  }
`;

export const PROPOSAL = /* GraphQL */ `
  ${PROPOSAL_SUMMARY}
  query Proposal($input: ProposalInput!) {
    proposal(input: $input) {
      ...ProposalSummary
      metadata {
        description
        previousEnd
      }
      executableCalls {
        index
        target
        value
        calldata
        signature
        decodedArgs
      }
      events {
        type
        createdAt
        txHash
        block {
          number
        }
      }
      canceledBy {
        address
      }
    }
  }
`;

export const VOTES = /* GraphQL */ `
  ${PAGE_INFO}
  query Votes($input: VotesInput!) {
    votes(input: $input) {
      nodes {
        ... on Vote {
          id
          type
          amount
          reason
          txHash
          voter {
            address
          }
          block {
            number
            timestamp
          }
          proposal {
            id
          }
        }
      }
      pageInfo {
        ...Page
      }
    }
  }
`;

export const DELEGATES = /* GraphQL */ `
  ${PAGE_INFO}
  query Delegates($input: DelegatesInput!) {
    delegates(input: $input) {
      nodes {
        ... on Delegate {
          id
          votesCount
          delegatorsCount
          account {
            address
            name
            type
          }
        }
      }
      pageInfo {
        ...Page
      }
    }
  }
`;

export const GOVERNOR = /* GraphQL */ `
  query Governor($input: GovernorInput!) {
    governor(input: $input) {
      id
      chainId
      name
      quorum
      timelockId
      isBehind
      lastIndexedBlock {
        number
        timestamp
      }
      token {
        id
        symbol
        decimals
        supply
      }
      parameters {
        votingDelay
        votingPeriod
        proposalThreshold
        quorumNumerator
        quorumDenominator
        lateQuorumVoteExtension
        timelockMinDelay
        proposalGuardian
      }
      proposalStats {
        total
        active
        failed
        passed
      }
      delegatesCount
      delegatesVotesCount
      tokenOwnersCount
    }
  }
`;

export const ACCOUNTS = /* GraphQL */ `
  query Accounts($addresses: [Address!], $governorId: AccountID!) {
    accounts(addresses: $addresses) {
      address
      name
      type
      votes(governorId: $governorId)
    }
  }
`;

const PARAMETER_FIELDS = /* GraphQL */ `
  fragment ParameterFields on Parameter {
    key
    keyHex
    domain
    description
    unit
    value
    min
    max
    stepKind
    maxStep
    cooldown
    updatedAt
    pending {
      value
      effectiveAt
    }
  }
`;

export const PARAMETERS = /* GraphQL */ `
  ${PARAMETER_FIELDS}
  query Parameters($input: ParametersInput) {
    parameters(input: $input) {
      ...ParameterFields
    }
  }
`;

export const PARAMETER_HISTORY = /* GraphQL */ `
  ${PAGE_INFO}
  query ParameterHistory($key: String!, $page: PageInput) {
    parameterHistory(key: $key, page: $page) {
      nodes {
        id
        key
        kind
        oldValue
        newValue
        effectiveAt
        cancelled
        details
        txHash
        block {
          number
          timestamp
        }
      }
      pageInfo {
        ...Page
      }
    }
  }
`;

export const PAUSES = /* GraphQL */ `
  query Pauses($activeOnly: Boolean, $target: Address) {
    pauses(activeOnly: $activeOnly, target: $target) {
      target
      targetName
      selector
      functionName
      status
      pausedUntil
      reason
      guardian {
        address
      }
    }
  }
`;

export const GUARDIAN_ACTIONS = /* GraphQL */ `
  ${PAGE_INFO}
  query GuardianActions($page: PageInput) {
    guardianActions(page: $page) {
      nodes {
        id
        kind
        target
        targetName
        selector
        functionName
        pausedUntil
        reason
        txHash
        guardian {
          address
        }
        proposal {
          id
        }
        block {
          number
          timestamp
        }
      }
      pageInfo {
        ...Page
      }
    }
  }
`;

export const INDEXER_STATUS = /* GraphQL */ `
  query IndexerStatus {
    indexerStatus {
      status
      chainId
      startBlock
      confirmations
      indexedBlock
      indexedTime
      headBlock
      lagBlocks
      lagSeconds
      lastError
      consecutiveFailures
      retryInMs
    }
  }
`;

@network @exclusive
Feature: Real EVM nodes are checked for sync, integrity and chain
  Every servicer of a round answers the same question at the same instant, so the answers
  compare directly. The servicers here are real EVM nodes (ganache) from one genesis; nodes whose
  blocks carry the same timestamps have the same block hashes. An integrity round every second
  round asks for a block 60 to 100 blocks below the head.

  Background:
    Given a daemon of its own for an EVM service with chain id "0x1"
    And 3 EVM servicers "healthy" on chain 1 at block 120

  @sad
  Scenario: An EVM node 50 blocks behind the others is synced: no
    Given an EVM servicer "lagging" on chain 1 at block 70
    When a session runs with every servicer
    Then every servicer of group "healthy" is yes on every check
    And the session's head is block 120 agreed by at least 3 servicers
    And servicer "lagging" is synced: no
    And servicer "lagging" is 50 blocks behind
    And servicer "lagging" is available: yes

  @sad
  Scenario: An EVM node on a fork is consistent: no
    Given an EVM servicer "fork" on a fork of chain 1 at block 120
    When a session runs with every servicer
    Then every servicer of group "healthy" is yes on every check
    And servicer "fork" is consistent: no
    And servicer "fork" disagreed in some integrity rounds
    And servicer "fork" is synced: yes

  @sad
  Scenario: An EVM node serving another chain is chain: no
    Given an EVM servicer "wrong-chain" on chain 5 at block 120
    When a session runs with every servicer
    Then every servicer of group "healthy" is yes on every check
    And servicer "wrong-chain" has chain: no
    And servicer "wrong-chain" serves chain id "0x5"
    And servicer "wrong-chain" is consistent: yes

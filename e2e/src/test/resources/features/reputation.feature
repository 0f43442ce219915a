Feature: A fisherman remembers servicers across sessions, punishes and forgives

  Short values in the genesis: a 3-second timeout after unavailability and 2 probation probes; a
  60-second timeout after integrity failures, twenty times the other, so the two classes cannot be
  told apart by chance.

  @sad @reputation
  Scenario: A servicer down in one session is never selected in its timeout, and comes back through probation
    Given a daemon of its own whose reputation times out for 3s after unavailability, 60s after integrity failures, with 2 probation probes
    And a servicer "steady" that is available
    And a servicer "down" that fails every request with http_status 500
    When a session starts with every servicer
    Then servicer "steady" reaches reputation state ok
    And servicer "down" reaches reputation state timeout
    And 30 selections for service "eth" return servicer "down" never
    And servicer "steady" is selected for service "eth" within 30 selections
    When the session ends
    And servicer "down" recovers
    And a session starts with every servicer
    Then servicer "down" reaches reputation state ok
    And servicer "down" is selected for service "eth" within 200 selections

  @sad @reputation
  Scenario: A servicer on a fork is put in the integrity-class timeout, not the availability one
    Given a daemon of its own for an EVM service with an integrity round every second round, whose reputation times out for 3s after unavailability, 60s after integrity failures, with 2 probation probes
    And 3 servicers "honest" that are available
    And a servicer "forked" that is on a fork
    When a session of 30s starts with every servicer
    Then servicer "forked" reaches reputation state timeout
    And servicer "forked" is in timeout after "consistent: no" until at least 30 seconds from now
    And servicer "honest-1" reaches reputation state ok
    And 30 selections for service "eth" return servicer "forked" never
    And servicer "honest-1" is selected for service "eth" within 30 selections

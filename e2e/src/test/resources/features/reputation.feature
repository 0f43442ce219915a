Feature: A fisherman remembers servicers across sessions, punishes and forgives

  Short values in the genesis: a 3-second timeout after unavailability and 2 probation probes.

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

Feature: Prometheus sees what the fisherman sees

  @sad @network
  Scenario: Refused probes of a session are counted in fisherman_probes_total
    Given the count of refused probes for service "eth" in the metrics is noted
    And a servicer "down" that refuses connections
    When a session runs with every servicer
    Then that count grew by at least 20

  @happy
  Scenario: Ok probes of a session are counted in fisherman_probes_total
    Given the count of ok probes for service "eth" in the metrics is noted
    And a servicer "up" that is available
    When a session runs with every servicer
    Then that count grew by at least 20

  @happy
  Scenario: Every metric family has help text
    When the metrics are scraped
    Then every metric family has help text

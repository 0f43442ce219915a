Feature: A fisherman tells available servicers from unavailable ones

  @happy
  Scenario: An available servicer answers every probe ok and is available: yes
    Given a servicer "healthy" that is available
    When a session runs with every servicer
    Then the session has ended with all 20 rounds done
    And servicer "healthy" was probed 20 times
    And every probe of servicer "healthy" is ok
    And servicer "healthy" has availability 1.0
    And servicer "healthy" is available: yes
    And servicer "healthy" saw as many requests as the fisherman recorded probes

  @sad @network
  Scenario: A servicer that refuses connections has every probe refused and is available: no
    Given a servicer "down" that refuses connections
    When a session runs with every servicer
    Then every probe of servicer "down" is refused
    And servicer "down" has availability 0.0
    And servicer "down" is available: no

  @happy @sad
  Scenario: Servicers of one session are judged each on their own
    Given a servicer "up" that is available
    And a servicer "down" that refuses connections
    When a session runs with every servicer
    Then every probe of servicer "up" is ok
    And servicer "up" is available: yes
    And every probe of servicer "down" is refused
    And servicer "down" is available: no

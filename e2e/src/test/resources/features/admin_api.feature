Feature: The admin API reports the daemon's health and every session's QoS

  @happy
  Scenario Outline: The daemon answers <path> with 200 while it runs
    When the daemon is asked for "<path>"
    Then the daemon answers 200

    Examples:
      | path     |
      | /healthz |
      | /readyz  |

  @sad
  Scenario: A session the daemon never took is answered 404
    When the daemon is asked for "/v1/sessions/no-such-session"
    Then the daemon answers 404

  @happy
  Scenario: A session's report lists its servicers with their verdicts
    Given a servicer "reported" that is available
    When a session runs with every servicer
    And the daemon is asked for the session
    Then the daemon answers 200
    And the answer lists servicer "reported" with its verdicts

  @happy
  Scenario: A servicer's report in a session shows its last observations
    Given a servicer "observed" that is available
    When a session runs with every servicer
    And the daemon is asked for servicer "observed" of the session
    Then the daemon answers 200
    And the answer lists 5 last observations of servicer "observed"

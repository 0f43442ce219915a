Feature: A fisherman samples every servicer of a session once per round
  The genesis sets how many probes a session gets (probes_per_session); the rounds are spread
  over the session's window and every servicer is probed once in each round.

  @happy
  Scenario: Every servicer of a session is probed in every planned round
    Given a servicer "first" that is available
    And a servicer "second" that is available
    When a session runs with every servicer
    Then the session has ended with all 20 rounds done
    And servicer "first" was probed 20 times
    And servicer "second" was probed 20 times
    And servicer "first" saw as many requests as the fisherman recorded probes
    And servicer "second" saw as many requests as the fisherman recorded probes

  @happy @exclusive
  Scenario: The genesis decides how many rounds a session has
    Given a daemon of its own whose genesis plans 10 probes per session
    And a servicer "counted" that is available
    When a session runs with every servicer
    Then the session has ended with all 10 rounds done
    And every probe of servicer "counted" is ok
    And servicer "counted" saw 10 requests

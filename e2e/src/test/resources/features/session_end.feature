@slow
Feature: A session that ends while probes are in flight loses none of them

  @sad
  Scenario: Every planned probe ends recorded or cancelled, once, when the session ends with probes still waiting
    # The last stratified slots are the final 1.5 s of the window, so several probes are still
    # waiting for their answer (within the 2 s relay timeout) when the window closes.
    Given a servicer "unhurried" that answers after 1500 ms
    When a session runs with every servicer
    Then the session has ended with all 20 rounds done
    And the probes of servicer "unhurried" are only ok, timeout_response or cancelled
    And every planned probe of servicer "unhurried" is accounted for
    And servicer "unhurried" has at least 1 ok probes
    And 2500 ms later the outcomes of servicer "unhurried" have not changed

Feature: Every failed probe is classified by what went wrong

  @sad
  Scenario Outline: A servicer that fails every request with <failure> has its probes classified <outcome>
    Given a servicer "<failure>" that fails every request with <failure>
    When a session runs with every servicer
    Then the probes of servicer "<failure>" are only <outcome> or cancelled
    And servicer "<failure>" has at least 20 <outcome> probes
    And every planned probe of servicer "<failure>" is accounted for
    And servicer "<failure>" is available: no
    And the <outcome> probes of servicer "<failure>" are the requests it failed

    Examples:
      | failure     | outcome          |
      | http_status | http_status      |
      | rpc_error   | rpc_error        |
      | garbage     | invalid_response |
      | huge_body   | too_large        |

    @network
    Examples: failures on the connection
      | failure | outcome |
      | reset   | reset   |
      | close   | reset   |

  @sad @network
  Scenario: A servicer that never answers has its probes time out
    # Probes still waiting for their timeout when the session ends are cancelled instead.
    Given a servicer "hang" that fails every request with hang
    When a session runs with every servicer
    Then the probes of servicer "hang" are only timeout_response or cancelled
    And servicer "hang" has at least 5 timeout_response probes
    And every planned probe of servicer "hang" is accounted for
    And servicer "hang" is available: no

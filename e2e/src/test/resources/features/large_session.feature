@slow
Feature: A large session is probed in full

  @happy @sad @exclusive
  Scenario: A session of 50 servicers with mixed health gets every servicer probed every round and the verdict its health deserves
    # A healthy servicer's latency verdict is the latency feature's business: 50 answers arriving
    # at once on a busy 2-core machine say more about the machine than about the verdict.
    Given 25 servicers "healthy" that are available
    And 10 servicers "slow" that answer after 800 ms with 20 ms of jitter
    And 5 servicers "failing" that fail every request with http_status
    And 5 servicers "down" that refuse connections
    And 5 servicers "hanging" that fail every request with hang
    When a session runs with every servicer
    Then the session has 50 servicers
    And every servicer was probed in every round
    And every servicer of group "healthy" is available: yes
    And every servicer of group "slow" is available: yes
    And every servicer of group "slow" has latency: high
    And every servicer of group "failing" is available: no
    And every servicer of group "failing" has latency: unknown
    And every servicer of group "down" is available: no
    And every servicer of group "down" has latency: unknown
    And every servicer of group "hanging" is available: no
    And every servicer of group "hanging" has latency: unknown
    And every servicer of group "healthy" saw as many requests as the fisherman recorded probes
    And every servicer of group "slow" saw as many requests as the fisherman recorded probes
    And every servicer of group "failing" saw as many requests as the fisherman recorded probes

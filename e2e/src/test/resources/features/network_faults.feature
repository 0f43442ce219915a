@network @fault @exclusive
Feature: A fisherman measures servicers through a lossy, cut or narrow network
  The daemon runs in a network namespace of its own and the kernel drops, loses or throttles what
  goes between it and its servicers. It opens a fresh connection per probe, so a connection the
  kernel lost is exactly one probe ending timeout_connect.

  Background:
    Given a daemon of its own inside a network namespace

  @sad
  Scenario: Random loss of 10% and 50% of the connections: each availability is what got through
    Given a servicer "clean" that is available
    And a servicer "loss-10" that is available
    And a servicer "loss-50" that is available
    When the fisherman's network loses 10% of the connections to servicer "loss-10"
    And the fisherman's network loses 50% of the connections to servicer "loss-50"
    And a session runs with every servicer
    Then every probe of servicer "clean" is ok
    And the probes of servicer "loss-10" are only ok or timeout_connect
    And the ok probes of servicer "loss-10" are the requests it served
    And the timeout_connect probes of servicer "loss-10" are the connections the network lost
    And the availability of servicer "loss-10" is the share of requests it served
    And the 99.9% interval of what servicer "loss-10" got through contains 0.9
    And the probes of servicer "loss-50" are only ok or timeout_connect
    And the ok probes of servicer "loss-50" are the requests it served
    And the timeout_connect probes of servicer "loss-50" are the connections the network lost
    And the availability of servicer "loss-50" is the share of requests it served
    And the 99.9% interval of what servicer "loss-50" got through contains 0.5
    And servicer "loss-50" is available: no
    When the fisherman's network is restored
    And a session runs with every servicer
    Then every probe of servicer "loss-10" is ok
    And every probe of servicer "loss-50" is ok
    And servicer "loss-50" is available: yes

  @sad
  Scenario: A blackholed servicer times out connecting and is available: no, its neighbour is not touched
    Given a servicer "up" that is available
    And a servicer "swallowed" that is available
    When the fisherman's network blackholes servicer "swallowed"
    And a session runs with every servicer
    Then every probe of servicer "swallowed" is timeout_connect
    And servicer "swallowed" saw no request
    And servicer "swallowed" is available: no
    And every probe of servicer "up" is ok
    And servicer "up" is available: yes
    When the fisherman's network is restored
    And a session runs with every servicer
    Then every probe of servicer "swallowed" is ok
    And servicer "swallowed" is available: yes

  @sad @slow
  Scenario: A link of 4 kbit/s queues the answers until most probes time out
    Given a servicer "narrow" that is available
    When the fisherman's link is limited to 4kbit
    And a session runs with every servicer
    Then more than half the probes of servicer "narrow" timed out
    And every planned probe of servicer "narrow" is accounted for
    And servicer "narrow" is available: no
    When the fisherman's network is restored
    And a session runs with every servicer
    Then every probe of servicer "narrow" is ok
    And servicer "narrow" is available: yes

  @sad @slow
  Scenario: The fisherman's own network drops: the rounds are excluded and nobody is blamed for them
    # No canaries: a round is the fisherman's fault when every servicer failed at once.
    Given a servicer "up-1" that is available
    And a servicer "up-2" that is available
    And a servicer "down" that refuses connections
    When a session of 12s starts with every servicer
    And servicer "up-1" has answered 4 probes ok
    And the fisherman's network drops everything
    And 3 rounds are excluded as fisherman_network
    And the readiness check "self_check" is noted
    And the fisherman's network is restored
    And the session ends
    Then at that moment the readiness check said "degraded: rounds excluded (fisherman_network)"
    And the session excluded at least 3 rounds as fisherman_network
    And the probes of servicer "up-1" are only ok or excluded
    And servicer "up-1" has an excluded probe for every excluded round
    And servicer "up-1" has availability 1.0
    And servicer "up-1" is available: yes
    And servicer "up-1" answered more probes ok after that moment
    And the probes of servicer "up-2" are only ok or excluded
    And servicer "up-2" is available: yes
    And the probes of servicer "down" are only refused or excluded
    And some probes of servicer "down" are refused
    And servicer "down" is available: no
    When a session runs with every servicer
    Then the session excluded no round
    And servicer "up-1" is available: yes
    And every probe of servicer "down" is refused
    And servicer "down" is available: no
    And the readiness check "self_check" says "ok"

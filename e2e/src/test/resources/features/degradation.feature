Feature: Verdicts follow a servicer that flaps or degrades during a session

  @sad
  Scenario: A servicer that starts failing halfway through the session turns from available: yes to available: no
    Given a servicer "degrading" that is available
    When a session starts with every servicer
    And servicer "degrading" has answered 10 probes ok
    And servicer "degrading" starts failing every request with http status 500
    And the session ends
    Then at that moment servicer "degrading" was available: yes
    And servicer "degrading" is available: no
    And every planned probe of servicer "degrading" is accounted for
    And the probes of servicer "degrading" are only ok or http_status
    And servicer "degrading" failed some of its requests
    And the http_status probes of servicer "degrading" are the requests it failed

  @sad @fault @latency
  Scenario: A fast servicer that a proxy starts delaying by 800 ms turns from latency: low to latency: high
    Given a servicer "slowing" that is behind a proxy that passes everything through
    When a session starts with every servicer
    And servicer "slowing" has answered 5 probes ok
    And the proxy in front of servicer "slowing" starts delaying answers by 800 ms
    And the session ends
    Then at that moment servicer "slowing" had latency: low
    And servicer "slowing" has latency: high
    And the median latency of servicer "slowing" is above 400 ms

  @sad
  Scenario: A servicer that fails 30% of requests gets the availability it served, inside the reported Wilson interval, and is available: no
    # With seed 45 the servicer fails 6 of its first 20 requests: exactly the set 30%.
    Given a servicer "flapping" that fails 30% of requests, drawn from seed 45
    When a session runs with every servicer
    Then servicer "flapping" saw 20 requests
    And servicer "flapping" failed 6 of its requests
    And the http_status probes of servicer "flapping" are the requests it failed
    And the ok probes of servicer "flapping" are the requests it served
    And the availability of servicer "flapping" is the share of requests it served
    And the 95% interval of servicer "flapping" is the Wilson interval of what it served
    And the 95% interval of servicer "flapping" contains 0.7
    And servicer "flapping" is available: no

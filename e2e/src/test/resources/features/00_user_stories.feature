Feature: A fisherman makes requests to servicers and judges them
  The four user stories the fisherman was specified by. A fisherman samples every servicer of a
  session with probes, one per round, and gives each servicer two verdicts: whether it is
  available and whether its latency is low or high.

  @happy
  Scenario: A fisherman makes a successful request to a servicer that is available
    Given a servicer "alice" that is available
    When a session runs with every servicer
    Then every probe of servicer "alice" is ok
    And servicer "alice" saw as many requests as the fisherman recorded probes
    And servicer "alice" is available: yes

  @happy @latency
  Scenario: A fisherman makes a successful request to a servicer that has low latency
    Given a servicer "bob" that is available
    When a session runs with every servicer
    Then every probe of servicer "bob" is ok
    And the median latency of servicer "bob" is below 100 ms
    And servicer "bob" has latency: low

  @sad
  Scenario: A fisherman makes a request to a servicer that is unavailable
    Given a servicer "carol" that fails every request with http_status 503
    When a session runs with every servicer
    Then every probe of servicer "carol" is http_status
    And servicer "carol" has availability 0.0
    And servicer "carol" is available: no
    And servicer "carol" has latency: unknown

  @sad @latency
  Scenario: A fisherman makes a successful request to a servicer that has high latency
    Given a servicer "dave" that answers after 600 ms
    When a session runs with every servicer
    Then servicer "dave" has at least 14 ok probes
    And the probes of servicer "dave" are only ok or cancelled
    And the median latency of servicer "dave" is above 400 ms
    And servicer "dave" has latency: high
    And servicer "dave" is available: yes

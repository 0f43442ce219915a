Feature: A fisherman tells fast servicers from slow ones
  The genesis sets high_latency to 400 ms: a servicer whose median latency is above it is
  latency: high.

  @happy @latency
  Scenario: A servicer that answers at once has a p50 far below high_latency and is latency: low
    Given a servicer "fast" that is available
    When a session runs with every servicer
    Then servicer "fast" has 20 ok probes
    And the median latency of servicer "fast" is below 100 ms
    And servicer "fast" has latency: low

  @sad @fault @latency
  Scenario: A servicer whose answers a proxy delays by 800 ms is latency: high, its p50 within 5% of 800 ms
    # Scheduling noise on a busy machine is absolute, not relative: a large delay keeps 5%
    # meaningful (40 ms) while the relay timeout (2 s) still leaves every answer in time.
    Given a servicer "slow" that is behind a proxy that delays answers by 800 ms
    When a session runs with every servicer
    # Probes of the last 800 ms may be cancelled when the session ends.
    Then servicer "slow" has at least 14 ok probes
    And the probes of servicer "slow" are only ok or cancelled
    And the median latency of servicer "slow" is within 5% of 800 ms
    And servicer "slow" has latency: high

@fault @network
Feature: Faults on the wire are classified and judged
  A fault proxy between the fisherman and a healthy servicer breaks the connection in the ways
  real networks do.

  @sad
  Scenario: A servicer behind a blackhole that accepts and never answers has its probes time out and is available: no
    Given a servicer "blackholed" that is behind a proxy that accepts connections and never answers
    When a session runs with every servicer
    # Probes still waiting for their timeout when the session ends are cancelled instead.
    Then the probes of servicer "blackholed" are only timeout_response or cancelled
    And servicer "blackholed" has at least 5 timeout_response probes
    And every planned probe of servicer "blackholed" is accounted for
    And servicer "blackholed" has availability 0.0
    And servicer "blackholed" is available: no
    And the proxy in front of servicer "blackholed" was connected to
    And servicer "blackholed" saw no request

  @sad
  Scenario: Answers cut after 20 bytes are classified reset
    Given a servicer "truncated" that is behind a proxy that cuts each answer after 20 bytes
    When a session runs with every servicer
    Then the probes of servicer "truncated" are only reset or cancelled
    And servicer "truncated" has at least 20 reset probes
    And every planned probe of servicer "truncated" is accounted for
    And servicer "truncated" is available: no

  @sad
  Scenario: Connections reset right after accepting are classified reset, or refused where the kernel said so
    # Most connects complete and then see the reset; for some (about 1 in 5) the kernel reports
    # ECONNREFUSED to the connect itself, and the fisherman keeps the kernel's word.
    Given a servicer "reset-by-proxy" that is behind a proxy that resets every connection
    When a session runs with every servicer
    Then some probes of servicer "reset-by-proxy" are reset
    And the probes of servicer "reset-by-proxy" are only reset or refused
    And every planned probe of servicer "reset-by-proxy" is accounted for
    And servicer "reset-by-proxy" is available: no
    And servicer "reset-by-proxy" saw no request

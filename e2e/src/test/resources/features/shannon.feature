Feature: Shannon relays: fisherman probes as a gateway and believes only what suppliers signed
  On Shannon a supplier's staked URL is its RelayMiner. Fisherman signs every probe as a gateway
  the session's application delegated to, and an answer counts as the supplier's only when the
  supplier signed it. The node, the RelayMiners and the servicers behind them are simulated in the
  test; the daemon is the packaged jar, run with --source cometbft and --gateway-key-file.

  @happy @exclusive
  Scenario: Signed probes are answered and judged as before
    Given a Shannon network whose application has delegated to the gateway
    And supplier "fast" behind a RelayMiner that is honest
    And supplier "slow" behind a RelayMiner in front of a slow servicer
    When fisherman probes the Shannon network as the gateway
    Then the probes are classified:
      | supplier | outcome | detail |
      | fast     | ok      |        |
      | slow     | ok      |        |
    And supplier "fast" is available: yes
    And supplier "fast" has latency: low
    And supplier "slow" has latency: high

  @sad @exclusive
  Scenario: Each RelayMiner error and each response forgery is classified
    Given a Shannon network whose application has delegated to the gateway
    And supplier "honest" behind a RelayMiner that is honest
    And supplier "headerless" behind a RelayMiner that is missing_session_header
    And supplier "ring" behind a RelayMiner that is bad_request_signature
    And supplier "session" behind a RelayMiner that is invalid_session
    And supplier "stranger" behind a RelayMiner that is supplier_not_in_session
    And supplier "limited" behind a RelayMiner that is rate_limited
    And supplier "unsigned" behind a RelayMiner that is unsigned
    And supplier "impostor" behind a RelayMiner that is wrong_signature
    And supplier "tampered" behind a RelayMiner that is tampered_payload
    When fisherman probes the Shannon network as the gateway
    Then the probes are classified:
      | supplier   | outcome       | detail                  |
      | honest     | ok            |                         |
      | headerless | relay_error   | service/1111            |
      | ring       | relay_error   | rings/3                 |
      | session    | relay_error   | relay_authenticator/1   |
      | stranger   | relay_error   | relay_authenticator/2   |
      | limited    | relay_error   | relayer_proxy/7         |
      | unsigned   | bad_signature | missing_signature       |
      | impostor   | bad_signature | invalid_signature       |
      | tampered   | bad_signature | payload_hash_mismatch   |
    And supplier "honest" is available: yes
    And supplier "ring" is available: no
    And supplier "impostor" is available: no

  @happy @exclusive
  Scenario: A session export re-verifies with the shipped jar alone
    Given a Shannon network whose application has delegated to the gateway
    And supplier "fast" behind a RelayMiner that is honest
    When fisherman probes the Shannon network as the gateway, exporting sessions
    Then fisherman verify-export accepts the export of a session
    And fisherman verify-export rejects that export once a signature is changed

  @sad @exclusive
  Scenario: A session whose application has not delegated to the gateway is not probed
    Given a Shannon network whose application has not delegated to the gateway
    And supplier "fast" behind a RelayMiner that is honest
    When fisherman runs against the Shannon network as the gateway
    Then no session is probed and the refusal is counted as undelegated

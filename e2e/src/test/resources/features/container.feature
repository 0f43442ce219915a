@container @slow @exclusive
Feature: The image runs as a sidecar of a CometBFT/poktroll node

  The container (read-only root, non-root user, host network) reads sessions from a simulated
  node started by the scenario and probes the servicers the node lists as suppliers; what it
  judged is read over its admin port. Needs a container engine (bin/ensure-docker) and the image
  (make image): without an engine the scenario is skipped loudly, and fails under CI=true.

  @happy
  Scenario: Sessions come from the node, survive a websocket drop, and SIGTERM stops the container cleanly
    Given a servicer "fast" that is available
    And a servicer "slow" that answers after 600 ms
    And a simulated node whose sessions list every servicer as a supplier
    When the image runs as a container with a read-only root, reading sessions from the node
    Then a session from the node is judged: servicer "fast" available, servicer "slow" of high latency
    When the node drops its websockets in the middle of a session
    Then that session goes on after the container reconnects, and the next session is found
    When the container gets SIGTERM
    Then the container exits with code 0 and its log accounts for every probe

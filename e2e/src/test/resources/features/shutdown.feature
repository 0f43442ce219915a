@slow
Feature: SIGTERM stops the daemon cleanly in the middle of a session

  @happy @exclusive
  Scenario: A daemon probing a long session with slow servicers exits 0 within the grace period and accounts for every probe
    # The grace period is the relay timeout (2 s) plus room for closing the admin port and the exit.
    Given a daemon of its own taking sessions on its webhook
    And a servicer "slow" that answers after 600 ms
    And a servicer "fast" that is available
    When a session of 20s starts with every servicer
    And 3 rounds are done
    And the daemon gets SIGTERM
    Then the daemon exits with code 0
    And it took at most 6 seconds from the signal to the exit
    And the daemon log accounts for every probe: planned = recorded + cancelled
    And the daemon log reports at least 6 recorded probes
    And the daemon's log file "daemon.log" is in its directory

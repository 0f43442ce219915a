Feature: A daemon refuses to start on bad configuration
  A user's mistake gets exit code 2 and one line saying what is wrong: no stack trace, and no
  usage text when the command line itself was fine.

  @sad @exclusive
  Scenario: A genesis whose relay_timeout is "2 seconds" names the field and what was expected
    Given a genesis whose relay_timeout is "2 seconds"
    When the daemon starts with its admin port on 127.0.0.1
    Then the daemon exits with code 2
    And the daemon log has the line:
      """
      params.qos.relay_timeout: "2 seconds" at <line>:<column> (expected: a duration such as 500ms or 2s)
      """
    And the daemon log shows no stack trace and no usage text
    And the daemon log does not mention "Exception"

  @sad @exclusive
  Scenario: An admin address that is not loopback and no token says a token is needed
    Given a valid genesis
    When the daemon starts with its admin port on 0.0.0.0
    Then the daemon exits with code 2
    And the daemon log mentions "token"
    And the daemon log shows no stack trace and no usage text

  @sad @exclusive
  Scenario: A genesis path that does not exist is named
    Given a genesis path where no file exists
    When the daemon starts with its admin port on 127.0.0.1
    Then the daemon exits with code 2
    And the daemon log names the genesis path
    And the daemon log shows no stack trace and no usage text

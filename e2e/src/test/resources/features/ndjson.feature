Feature: Sessions arrive as ndjson lines from a followed file

  @happy @sad @exclusive
  Scenario: Good lines are probed and a bad line in the middle is logged with its number and skipped
    Given a daemon of its own following the session file "sessions.ndjson"
    And a servicer "first" that is available
    And a servicer "third" that is available
    When a line for session "ndjson-first" with servicer "first" is appended to the session file
    And the daemon has taken session "ndjson-first"
    And a line that is not JSON is appended to the session file
    And a line for session "ndjson-third" with servicer "third" is appended to the session file
    And session "ndjson-first" ends
    Then servicer "first" is available: yes
    When session "ndjson-third" ends
    Then servicer "third" is available: yes
    And servicer "third" has 20 ok probes
    And the daemon log names line 2 of the session file
    And the daemon lists exactly the sessions "ndjson-first" and "ndjson-third"

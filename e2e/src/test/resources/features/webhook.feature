Feature: The webhook takes sessions and turns bad ones away without harm
  Sessions arrive as JSON on POST /v1/sessions. A session accepted earlier must come through
  every bad body untouched.

  Background:
    Given a servicer "steady" that is available
    And a session of 6s starts with every servicer
    And servicer "steady" has answered 1 probe ok

  @happy
  Scenario: The same session posted again is answered 200 and stays one session
    When the same session is posted again
    Then the daemon answers 200
    And the answer names the same session
    And the daemon lists the session once

  @sad
  Scenario Outline: A session with <what> is answered 400 naming the field <field>
    When this body is posted to the webhook:
      """
      <body>
      """
    Then the daemon answers 400
    And the answer says what is wrong with the field "<field>"
    And the daemon still answers and still probes servicer "steady" of the session

    Examples:
      | what                            | field            | body                                                                                                                      |
      | no session_id                   | session_id       | {"service":"eth","duration":"4s","servicers":[{"address":"a","url":"http://127.0.0.1:9"}]}                                 |
      | an unknown service              | service          | {"session_id":"bad-1","service":"nope","duration":"4s","servicers":[{"address":"a","url":"http://127.0.0.1:9"}]}          |
      | no servicers                    | servicers        | {"session_id":"bad-2","service":"eth","duration":"4s","servicers":[]}                                                     |
      | a duration that is no duration  | duration         | {"session_id":"bad-3","service":"eth","duration":"soon","servicers":[{"address":"a","url":"http://127.0.0.1:9"}]}         |
      | a servicer url that is not http | servicers[0].url | {"session_id":"bad-4","service":"eth","duration":"4s","servicers":[{"address":"a","url":"ftp://127.0.0.1:9"}]}            |
      | a session_id that is a number   | session_id       | {"session_id":7,"service":"eth","duration":"4s","servicers":[{"address":"a","url":"http://127.0.0.1:9"}]}                 |

  @sad
  Scenario: A body that is not JSON is answered 400 and the daemon goes on
    When this body is posted to the webhook:
      """
      {"session_id":
      """
    Then the daemon answers 400
    And the answer has an error message
    And the daemon still answers and still probes servicer "steady" of the session

  @sad
  Scenario: A body of 2 MiB is answered 413 and the daemon goes on
    When a body of 2 MiB is posted to the webhook
    Then the daemon answers 413
    And the daemon still answers and still probes servicer "steady" of the session

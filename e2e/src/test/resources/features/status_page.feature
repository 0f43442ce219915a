Feature: The status page shows a person how every servicer does
  An operator opens the admin port in a browser and sees, without reading JSON, which servicers
  are available and which are not. The page is that of a packaged `fisherman localnet`, loaded by
  headless Chromium; what is checked is what a person would see.

  @happy @browser @exclusive @slow
  Scenario: A localnet of healthy servicers shows every servicer available
    Given the localnet with the servicers "healthy-fast, healthy-slow"
    When the localnet's newest session has the availability verdicts:
      | healthy-fast | yes |
      | healthy-slow | yes |
    And the localnet's servicer "healthy-fast" has reputation state ok
    And the status page "/status" is opened in a browser
    Then the page shows servicer "healthy-fast" with "available: yes"
    And the page shows servicer "healthy-fast" with "reputation: ok"
    And the page shows servicer "healthy-fast" with "/100"
    And the page shows servicer "healthy-slow" with "available: yes"
    And the page shows servicer "healthy-slow" with "latency: high"
    And the page does not show "available: no"
    And the page ran its own style and script and logged no console errors
    And the page's screenshot is saved as "status-happy.png"

  @sad @browser @exclusive @slow
  Scenario: The localnet with a down servicer shows it as not available
    Given the localnet with the servicers "healthy-fast, healthy-slow, flaky, down"
    When the localnet's newest session has the availability verdicts:
      | down         | no  |
      | healthy-fast | yes |
      | healthy-slow | yes |
    And the localnet's servicer "down" has reputation state timeout
    And the status page "/" is opened in a browser
    Then the page shows servicer "down" with "available: no"
    And the page shows servicer "down" with "reputation: timeout"
    And the page shows servicer "down" with "score 0/100"
    And the page shows servicer "healthy-fast" with "available: yes"
    And the page shows servicer "flaky" with "available:"
    And the page ran its own style and script and logged no console errors
    And the page's screenshot is saved as "status-sad.png"
    And the page fits a phone 390 pixels wide without sideways scrolling
    And the page's screenshot is saved as "status-sad-phone.png"

package dev.fisherman.e2e;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the Gherkin features under {@code src/test/resources/features} against the packaged daemon.
 * A tag expression in the system property {@code cucumber.filter.tags} runs a selection; the
 * reports land in {@code target/reports}. Glue, reports and parallel execution are set in {@code
 * junit-platform.properties}, so running the engine alone ({@code -Dcucumber.features=FILE:LINE})
 * behaves the same.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features")
class FeaturesIT {}

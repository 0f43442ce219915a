package dev.fisherman.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.genesis.QosParams;
import java.net.URI;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The verdicts of the cross-servicer checks, and excluded probes, in a servicer's aggregate. */
class ServicerChecksTest {
  static final QosParams QOS = QosParams.DEFAULTS; // min_samples 5

  static ServicerAggregate aggregate() {
    return new ServicerAggregate("a", URI.create("http://127.0.0.1:1"), 12);
  }

  static void sync(ServicerAggregate a, Finding.Sync mark, long behind, int times) {
    for (int i = 0; i < times; i++) {
      a.judged(Finding.NONE.withSync(mark, behind));
    }
  }

  @Test
  void synced_unknownUntilMinSamplesRoundsAreJudged() {
    ServicerAggregate a = aggregate();
    sync(a, Finding.Sync.SYNCED, 0, 4);

    assertThat(a.snapshot(QOS).verdicts().synced()).isEqualTo(Verdicts.Check.UNKNOWN);
    sync(a, Finding.Sync.SYNCED, 1, 1);
    ServicerQos q = a.snapshot(QOS);
    assertThat(q.verdicts().synced()).isEqualTo(Verdicts.Check.YES);
    assertThat(q.blocksBehind()).isEqualTo(OptionalLong.of(1));
  }

  @Test
  void synced_noWhenBehindInMostJudgedRounds_yesWhenOnlyInSome() {
    ServicerAggregate some = aggregate();
    sync(some, Finding.Sync.SYNCED, 0, 3);
    sync(some, Finding.Sync.BEHIND, 40, 3);
    ServicerAggregate most = aggregate();
    sync(most, Finding.Sync.SYNCED, 0, 2);
    sync(most, Finding.Sync.BEHIND, 40, 3);

    assertThat(some.snapshot(QOS).verdicts().synced()).isEqualTo(Verdicts.Check.YES);
    ServicerQos q = most.snapshot(QOS);
    assertThat(q.verdicts().synced()).isEqualTo(Verdicts.Check.NO);
    assertThat(q.blocksBehind()).isEqualTo(OptionalLong.of(40));
    assertThat(q.checks().behind()).isEqualTo(3);
    assertThat(q.checks().syncJudged()).isEqualTo(5);
  }

  @Test
  void synced_farAheadIsNeverSynced() {
    ServicerAggregate a = aggregate();
    sync(a, Finding.Sync.AHEAD, -1_000_000, 5);

    ServicerQos q = a.snapshot(QOS);
    assertThat(q.verdicts().synced()).isEqualTo(Verdicts.Check.NO);
    assertThat(q.checks().ahead()).isEqualTo(5);
  }

  @Test
  void consistent_noAfterASingleDisagreement() {
    ServicerAggregate a = aggregate();
    assertThat(a.snapshot(QOS).verdicts().consistent()).isEqualTo(Verdicts.Check.UNKNOWN);

    a.judged(Finding.NONE.withIntegrity(Finding.Integrity.AGREED));
    assertThat(a.snapshot(QOS).verdicts().consistent()).isEqualTo(Verdicts.Check.YES);
    a.judged(Finding.NONE.withIntegrity(Finding.Integrity.DISAGREED));
    a.judged(Finding.NONE.withIntegrity(Finding.Integrity.AGREED));
    ServicerQos q = a.snapshot(QOS);
    assertThat(q.verdicts().consistent()).isEqualTo(Verdicts.Check.NO);
    assertThat(q.checks().integrityJudged()).isEqualTo(3);
    assertThat(q.checks().disagreed()).isEqualTo(1);
  }

  @Test
  void chain_noOnMismatch_keepsTheChainItServes() {
    ServicerAggregate a = aggregate();
    a.record(
        Observations.ok(0, 100)
            .excluded(Exclusion.FISHERMAN_STALLED)); // an excluded probe keeps no facts
    assertThat(a.snapshot(QOS).verdicts().chain()).isEqualTo(Verdicts.Check.UNKNOWN);

    a.judged(Finding.NONE.withChain(Finding.Chain.MISMATCH));
    assertThat(a.snapshot(QOS).verdicts().chain()).isEqualTo(Verdicts.Check.NO);
  }

  @Test
  void excludedProbes_areCountedApartAndNeverInAvailability() {
    ServicerAggregate a = aggregate();
    for (int i = 0; i < 5; i++) {
      a.record(Observations.ok(i, 100));
    }
    for (int i = 5; i < 10; i++) {
      a.record(Observations.of(i, Outcome.TIMEOUT_CONNECT).excluded(Exclusion.FISHERMAN_NETWORK));
    }

    ServicerQos q = a.snapshot(QOS);
    assertThat(q.outcomes()).containsEntry(Outcome.EXCLUDED, 5L).containsEntry(Outcome.OK, 5L);
    assertThat(q.availability()).hasValue(1.0);
    assertThat(q.verdicts().available()).isEqualTo(Verdicts.Available.YES);
  }
}

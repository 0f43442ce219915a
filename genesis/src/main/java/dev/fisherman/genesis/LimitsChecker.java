package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.StrictReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Checks {@code params.limits}: the admission budgets, round spacing and the deny list. */
final class LimitsChecker {
  static final int MAX_BUDGET = 100_000_000;
  static final Duration MAX_SPACING = Duration.ofHours(1);

  static final String E_LIMITS = "an object of admission limits";
  static final String E_BUDGET = "an integer from 1 to " + MAX_BUDGET;
  static final String E_SPACING = "a duration from 0s to 1h";
  static final String E_DENY = "an array of address ranges in CIDR notation";

  private final StrictReader in;

  LimitsChecker(StrictReader in) {
    this.in = in;
  }

  /** What a servicer inside the deny list is told. */
  static String notDenied(AddressRange range) {
    return "an address outside params.limits.deny (it lies in " + range + ")";
  }

  LimitsParams limits(String path, Node node) {
    Fields f = in.object(path, node, GenesisKeys.LIMITS, E_LIMITS);
    if (f == null) {
      return null;
    }
    LimitsParams d = LimitsParams.DEFAULTS;
    OptionalInt sessions = budget(f, "max_active_sessions");
    OptionalInt rate = budget(f, "max_probe_rate");
    OptionalInt connections = budget(f, "max_connections");
    Duration spacing =
        f.optional(
            "min_round_spacing",
            d.minRoundSpacing(),
            (p, n) ->
                in.duration(
                    p, n, x -> !x.isNegative() && x.compareTo(MAX_SPACING) <= 0, E_SPACING));
    List<AddressRange> deny = f.optional("deny", d.deny(), this::deny);
    if (sessions == null
        || rate == null
        || connections == null
        || spacing == null
        || deny == null) {
      return null;
    }
    return new LimitsParams(sessions, rate, connections, spacing, deny);
  }

  private OptionalInt budget(Fields f, String key) {
    Integer v = f.optional(key, -1, (p, n) -> in.integer(p, n, 1, MAX_BUDGET, E_BUDGET));
    if (v == null) {
      return null;
    }
    return v == -1 ? OptionalInt.empty() : OptionalInt.of(v);
  }

  private List<AddressRange> deny(String path, Node node) {
    if (!(node instanceof Node.Arr arr)) {
      in.problems().value(path, node, E_DENY);
      return null;
    }
    List<AddressRange> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      String at = JsonReader.item(path, i);
      Node item = arr.items().get(i);
      String text = in.text(at, item, null, AddressRange.EXPECTED);
      if (text == null) {
        ok = false;
        continue;
      }
      Optional<AddressRange> range = AddressRange.parse(text);
      if (range.isEmpty()) {
        in.problems().value(at, item, AddressRange.EXPECTED);
        ok = false;
        continue;
      }
      out.add(range.get());
    }
    return ok ? out : null;
  }
}

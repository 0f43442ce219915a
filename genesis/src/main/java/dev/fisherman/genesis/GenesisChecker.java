package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.Problems;
import dev.fisherman.genesis.input.StrictReader;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a parsed genesis document into a {@link Genesis}, or collects every problem in it. Each
 * section has its own checker ({@link SessionChecker}, {@link QosChecker}, {@link ServicesChecker},
 * {@link ServicersChecker}, {@link ReputationChecker}) over one {@link StrictReader}; this one
 * checks the top level and {@code params}. Each field is checked on its own first; cross-field
 * rules run only on values that passed.
 */
final class GenesisChecker {
  static final String E_GENESIS = "a JSON genesis object";
  static final String E_CHAIN_ID =
      "a chain id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
  static final String E_PARAMS =
      "an object with session, qos, checks, self_check, limits and reputation";

  private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Problems problems;
  private final StrictReader in;
  private final SessionChecker session;
  private final QosChecker qos;
  private final ServicesChecker services;
  private final ServicersChecker servicers;
  private final LimitsChecker limits;
  private final ChecksChecker checks;
  private final ReputationChecker reputation;

  private GenesisChecker(String source) {
    this.problems = Problems.collecting(source);
    this.in = new StrictReader(problems);
    this.session = new SessionChecker(in);
    this.qos = new QosChecker(in);
    this.checks = new ChecksChecker(in);
    this.reputation = new ReputationChecker(in);
    this.services = new ServicesChecker(in, checks);
    this.servicers = new ServicersChecker(in);
    this.limits = new LimitsChecker(in);
  }

  /** Checks the document {@code root} read from {@code source}. */
  static Genesis check(Node root, String source) throws GenesisException {
    return new GenesisChecker(source).genesis(root);
  }

  private Genesis genesis(Node root) throws GenesisException {
    Fields top = in.object("", root, GenesisKeys.ROOT, E_GENESIS);
    if (top == null) {
      throwIfAny();
      throw new IllegalStateException("a non-object root is always a problem");
    }
    String chainId =
        top.required("chain_id", E_CHAIN_ID, (p, n) -> in.text(p, n, CHAIN_ID, E_CHAIN_ID));
    Params params = top.required("params", E_PARAMS, this::params);
    CheckParams genesisChecks = params == null ? CheckParams.DEFAULTS : params.checks();
    List<Service> checkedServices =
        top.required(
            "services",
            ServicesChecker.E_SERVICES,
            (p, n) -> services.services(p, n, genesisChecks));
    List<Servicer> checkedServicers =
        top.optional(
            "servicers",
            List.<Servicer>of(),
            (p, n) ->
                servicers.servicers(
                    p,
                    n,
                    checkedServices,
                    params == null ? LimitsParams.DEFAULTS : params.limits()));
    throwIfAny();
    return new Genesis(chainId, params, checkedServices, checkedServicers);
  }

  private Params params(String path, Node node) {
    Fields f = in.object(path, node, GenesisKeys.PARAMS, E_PARAMS);
    if (f == null) {
      return null;
    }
    SessionParams s = f.required("session", SessionChecker.E_SESSION, session::session);
    Optional<Node> qosNode = f.get("qos");
    QosParams q = qos.qos(f.path("qos"), qosNode.orElse(null), f.end(), s);
    LimitsParams l = f.optional("limits", LimitsParams.DEFAULTS, limits::limits);
    CheckParams c =
        checks.checks(f.path("checks"), f.get("checks").orElse(null), CheckParams.DEFAULTS);
    SelfCheckParams self =
        checks.selfCheck(f.path("self_check"), f.get("self_check").orElse(null), f.end(), q);
    ReputationParams r =
        reputation.reputation(f.path("reputation"), f.get("reputation").orElse(null), f.end());
    return s == null || q == null || c == null || self == null || l == null || r == null
        ? null
        : new Params(s, q, c, self, l, r);
  }

  private void throwIfAny() throws GenesisException {
    if (!problems.isEmpty()) {
      throw GenesisProblems.exception(problems);
    }
  }
}

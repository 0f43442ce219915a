package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the daemon depend on each other, directly or around a loop. The package graph
 * comes from the JDK's {@code jdeps} run over the compiled classes, so it sees every reference the
 * compiler kept, imports or not.
 */
class PackageCyclesTest {
  private static final String ROOT = "dev.fisherman.daemon";
  private static final Pattern EDGE =
      Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+(\\S+)\\s");

  @Test
  void daemonPackages_formNoCycle() throws Exception {
    Map<String, Set<String>> graph = packageGraph();
    assertThat(graph).containsKeys(ROOT, ROOT + ".admin", ROOT + ".source", ROOT + ".api");
    assertThat(graph.get(ROOT)).contains(ROOT + ".admin", ROOT + ".source");
    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void cycles_findsALoopAroundThreePackages() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a"));
    graph.put("d", Set.of("a"));
    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
  }

  /** Package → packages of the daemon it refers to, itself left out. */
  private static Map<String, Set<String>> packageGraph() throws Exception {
    Path classes =
        Path.of(Daemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:package",
            "-filter:none",
            "-e",
            Pattern.quote(ROOT) + ".*",
            classes.toString());
    assertThat(code).as("jdeps: %s", err).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find() && m.group(2).startsWith(ROOT)) {
        Set<String> to = graph.computeIfAbsent(m.group(1), k -> new TreeSet<>());
        if (!m.group(1).equals(m.group(2))) {
          to.add(m.group(2));
        }
      }
    }
    return graph;
  }

  /** The strongly connected components with more than one package (Tarjan), each sorted. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Tarjan t = new Tarjan(graph);
    for (String node : graph.keySet()) {
      if (!t.index.containsKey(node)) {
        t.visit(node);
      }
    }
    return t.components.stream().filter(c -> c.size() > 1).toList();
  }

  private static final class Tarjan {
    final Map<String, Set<String>> graph;
    final Map<String, Integer> index = new TreeMap<>();
    final Map<String, Integer> low = new TreeMap<>();
    final List<String> stack = new ArrayList<>();
    final Set<String> onStack = new LinkedHashSet<>();
    final List<List<String>> components = new ArrayList<>();

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.add(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> component = new ArrayList<>();
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        component.sort(String::compareTo);
        components.add(component);
      }
    }
  }
}

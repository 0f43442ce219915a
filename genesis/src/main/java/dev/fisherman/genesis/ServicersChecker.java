package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.Problems;
import dev.fisherman.genesis.input.ServicerUrl;
import dev.fisherman.genesis.input.StrictReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks {@code servicers}: each servicer's address, URL and the services it serves. */
final class ServicersChecker {
  static final String E_SERVICERS = "an array of servicers";
  static final String E_SERVICER = "a servicer object with address, url and services";
  static final String E_ADDRESS =
      "a servicer address: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or"
          + " digit";
  static final String E_SERVICER_SERVICES = "a non-empty array of service ids";

  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final StrictReader in;
  private final Problems problems;

  ServicersChecker(StrictReader in) {
    this.in = in;
    this.problems = in.problems();
  }

  /**
   * The checked servicers; null when any failed. {@code services} is null when the services
   * themselves failed; then served ids are checked only for shape so one mistake is not reported
   * twice.
   */
  List<Servicer> servicers(String path, Node node, List<Service> services, LimitsParams limits) {
    if (!(node instanceof Node.Arr arr)) {
      problems.value(path, node, E_SERVICERS);
      return null;
    }
    List<Servicer> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      Servicer s = servicer(JsonReader.item(path, i), arr.items().get(i), seen, services, limits);
      ok &= s != null;
      if (s != null) {
        out.add(s);
      }
    }
    return ok ? out : null;
  }

  private Servicer servicer(
      String path,
      Node node,
      Map<String, String> seenAddresses,
      List<Service> services,
      LimitsParams limits) {
    Fields f = in.object(path, node, GenesisKeys.SERVICER, E_SERVICER);
    if (f == null) {
      return null;
    }
    String address =
        f.required(
            "address",
            E_ADDRESS,
            (p, n) -> {
              String v = in.text(p, n, ADDRESS, E_ADDRESS);
              if (v != null) {
                String before = seenAddresses.putIfAbsent(v, p);
                if (before != null) {
                  problems.value(p, n, "a unique servicer address; " + before + " is the same");
                  return null;
                }
              }
              return v;
            });
    // A genesis file says the whole rule whichever part was broken: it is edited by a person.
    URI url =
        f.required(
            "url",
            ServicerUrl.EXPECTED,
            (p, n) -> {
              URI u = in.url(p, n, v -> ServicerUrl.EXPECTED);
              if (u != null && limits.denied(u).isPresent()) {
                problems.value(p, n, LimitsChecker.notDenied(limits.denied(u).get()));
                return null;
              }
              return u;
            });
    List<String> served =
        f.required("services", E_SERVICER_SERVICES, (p, n) -> servedServices(p, n, services));
    if (address == null || url == null || served == null) {
      return null;
    }
    return new Servicer(address, url, served);
  }

  private List<String> servedServices(String path, Node node, List<Service> services) {
    if (!(node instanceof Node.Arr arr) || arr.items().isEmpty()) {
      problems.value(path, node, E_SERVICER_SERVICES);
      return null;
    }
    List<String> known = services == null ? null : services.stream().map(Service::id).toList();
    String expectedKnown =
        known == null
            ? ServicesChecker.E_SERVICE_ID
            : "a service id defined in services: " + String.join(", ", known);
    List<String> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      String p = JsonReader.item(path, i);
      Node item = arr.items().get(i);
      String id = in.text(p, item, null, expectedKnown);
      if (id == null) {
        ok = false;
      } else if (known != null && !known.contains(id)) {
        problems.value(p, item, expectedKnown);
        ok = false;
      } else if (seen.putIfAbsent(id, p) != null) {
        problems.value(p, item, "each service once; " + seen.get(id) + " is the same");
        ok = false;
      } else {
        out.add(id);
      }
    }
    return ok ? out : null;
  }
}

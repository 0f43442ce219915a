package dev.fisherman.genesis;

import java.util.List;

/** A genesis file that cannot be used, with every problem found in it. */
public final class GenesisException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<GenesisProblem> problems;

  public GenesisException(List<GenesisProblem> problems) {
    super(problems.isEmpty() ? "invalid genesis" : problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in document order, one line each when printed. */
  public List<GenesisProblem> problems() {
    return problems;
  }
}

package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Problems;
import java.util.List;

/** Turns problems into the {@link GenesisException} the loader's callers know. */
final class GenesisProblems {
  private GenesisProblems() {}

  /** A failure that ends loading on its own, e.g. a file that cannot be read. */
  static GenesisException single(String path, String message) {
    return new GenesisException(List.of(new GenesisProblem(path, message)));
  }

  /** Every problem collected, in document order. */
  static GenesisException exception(Problems problems) {
    return new GenesisException(
        problems.sorted().stream().map(p -> new GenesisProblem(p.path(), p.message())).toList());
  }
}

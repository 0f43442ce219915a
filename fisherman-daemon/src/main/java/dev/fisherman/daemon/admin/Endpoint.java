package dev.fisherman.daemon.admin;

/** One concern of the admin API: turns a routed request into a response. Runs on an event loop. */
@FunctionalInterface
interface Endpoint {
  AdminResponse handle(AdminRequest request) throws Exception;
}

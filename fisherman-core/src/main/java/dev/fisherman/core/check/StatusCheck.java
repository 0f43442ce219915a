package dev.fisherman.core.check;

import java.util.OptionalLong;

/** A service that expects nothing of the body: any 2xx is {@code ok}. */
final class StatusCheck implements ResponseCheck {
  static final StatusCheck OK_2XX = new StatusCheck();

  private StatusCheck() {}

  static boolean success(int status) {
    return status >= 200 && status < 300;
  }

  @Override
  public boolean readsBody(int status) {
    return false;
  }

  @Override
  public Verdict judge(int status, byte[] body, int offset, int length, OptionalLong requestId) {
    return success(status) ? Verdict.OK : Verdict.httpStatus(status);
  }
}

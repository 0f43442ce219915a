package dev.fisherman.daemon.admin;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/** Closes a connection the idle-state handler reports idle, so idle clients cannot pile up. */
@Sharable
final class IdleCloseHandler extends ChannelInboundHandlerAdapter {
  static final IdleCloseHandler INSTANCE = new IdleCloseHandler();

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }
}

/**
 * Sticky sessions: {@link dev.ballast.node.session.StickyRouter} keeps a client on its server by inserted cookie
 * ({@link dev.ballast.node.session.StickyCookie}, stateless) or by source address through a
 * {@link dev.ballast.node.session.SessionStore} (bounded, idle TTL and max life; the local implementation is
 * {@link dev.ballast.node.session.LocalSessionStore}; {@link dev.ballast.node.session.ReplicatedSessionStore} shares
 * the sessions with every cluster member through a replicated table; {@link dev.ballast.node.session.SessionStoreFactory}
 * picks one per backend).
 *
 * <p>For cookies the data plane also strips the cookie from the request's Cookie header with
 * {@code StickyCookie.strip} before forwarding, and adds the route's Set-Cookie with
 * {@code Cache-Control: private} to the response.
 */
package dev.ballast.node.session;

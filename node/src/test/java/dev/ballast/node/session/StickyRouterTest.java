package dev.ballast.node.session;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Fixtures;
import dev.ballast.node.balance.Server;
import dev.ballast.node.balance.TestRequest;
import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.config.StickyConfig;
import dev.ballast.node.config.StickyConfig.Mode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StickyRouterTest {

    private final MutableClock clock = new MutableClock();
    private final BackendBalancer backend = new BackendBalancer("web", Fixtures.config(Algorithm.ROUNDROBIN), false,
            0, List.of(Fixtures.primary("a", 1), Fixtures.primary("b", 1), Fixtures.primary("c", 1),
                    Fixtures.serverConfig("full", 1, false, 1, Duration.ZERO, AdminState.MAINT),
                    Fixtures.backup("spare")), System::nanoTime);
    private final SessionStore store = new LocalSessionStore(1_000, Duration.ofMinutes(10), Duration.ZERO, clock);

    @Test
    void aCookieKeepsAClientOnItsServerOver10000Requests() {
        StickyRouter router = router(Mode.COOKIE);
        Browser browser = new Browser(router);
        Server first = browser.request();
        assertThat(browser.cookie).isNotNull();

        for (int i = 0; i < 10_000; i++) {
            assertThat(browser.request()).isSameAs(first);
            if (i % 100 == 0) {
                clock.advance(Duration.ofSeconds(30));
            }
        }
        assertThat(browser.setCookies).as("refreshes of the last-seen date, not new sessions")
                .isBetween(2, 1 + 10_000 / 100 * 30 / 150);
    }

    @Test
    void differentClientsAreStillBalanced() {
        StickyRouter router = router(Mode.COOKIE);
        Set<Server> used = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            used.add(new Browser(router).request());
        }
        assertThat(used).extracting(Server::name).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aDrainedServerKeepsItsStickyClientsButTakesNoNewOnes() {
        StickyRouter router = router(Mode.COOKIE);
        Browser browser = new Browser(router);
        Server home = browser.request();

        backend.setAdminState(home, AdminState.DRAIN);

        assertThat(browser.request()).isSameAs(home);
        for (int i = 0; i < 30; i++) {
            assertThat(new Browser(router).request()).isNotSameAs(home);
        }
    }

    @Test
    void aClientWhoseServerIsDownInMaintOrGoneIsRedispatchedAndStuckAgain() {
        StickyRouter router = router(Mode.COOKIE);
        Browser browser = new Browser(router);
        Server home = browser.request();

        backend.setHealthy(home, false);
        Server second = browser.request();
        assertThat(second).isNotSameAs(home);
        assertThat(browser.request()).isSameAs(second);

        backend.setAdminState(second, AdminState.MAINT);
        Server third = browser.request();
        assertThat(third).isNotIn(home, second);
        assertThat(browser.request()).isSameAs(third);

        browser.cookie = StickyCookie.serverId("web", "removed-server") + browser.cookie.substring(
                browser.cookie.indexOf('.'));
        Server fourth = browser.request();
        assertThat(fourth).isNotNull();
        assertThat(browser.request()).isSameAs(fourth);
    }

    @Test
    void anExpiredCookieIsBalancedAfresh() {
        StickyRouter router = router(Mode.COOKIE);
        Browser browser = new Browser(router);
        browser.request();
        int before = browser.setCookies;

        clock.advance(Duration.ofMinutes(11));
        browser.request();

        assertThat(browser.setCookies).isEqualTo(before + 1);
    }

    @Test
    void aStickyServerAtItsMaxconnMakesTheRequestQueueRatherThanMove() {
        StickyRouter router = router(Mode.COOKIE);
        Server full = backend.server("full").orElseThrow();
        backend.setAdminState(full, AdminState.DRAIN);
        TestRequest request = TestRequest.withCookie("SRV", new StickyCookie(config(Mode.COOKIE))
                .encodeNew(StickyCookie.serverId("web", "full"), clock.instant().getEpochSecond()));
        assertThat(router.route(request, null).server()).isSameAs(full);

        backend.connectionTaken(full);

        assertThat(full.isFull()).isTrue();
        assertThat(router.route(request, null).server()).isSameAs(full);
    }

    @Test
    void aRetryAvoidingTheStickyServerGoesElsewhere() {
        StickyRouter router = router(Mode.COOKIE);
        Browser browser = new Browser(router);
        Server home = browser.request();

        StickyRoute retry = router.route(TestRequest.withCookie("SRV", browser.cookie), home);

        assertThat(retry.server()).isNotNull().isNotSameAs(home);
        assertThat(retry.setCookie()).isNotNull();
    }

    @Test
    void sourceAffinityKeepsAnAddressOnItsServerUntilItIdlesOut() {
        StickyRouter router = router(Mode.SOURCE);
        TestRequest client = TestRequest.fromClient("192.0.2.10");
        Server home = router.route(client, null).server();
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMinutes(5));
            assertThat(router.route(client, null).server()).isSameAs(home);
            router.route(TestRequest.fromClient("192.0.2." + (20 + i % 50)), null);
        }
        assertThat(store.get("web/192.0.2.10").serverName()).isEqualTo(home.name());

        clock.advance(Duration.ofMinutes(10));
        assertThat(store.get("web/192.0.2.10")).as("idle TTL").isNull();
    }

    @Test
    void withoutStickinessEveryRequestIsBalanced() {
        StickyRouter router = router(Mode.NONE);
        Set<Server> used = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            StickyRoute route = router.route(TestRequest.fromClient("192.0.2.1"), null);
            assertThat(route.setCookie()).isNull();
            used.add(route.server());
        }
        assertThat(used).hasSize(3);
    }

    @Test
    void backupsServeStickyClientsOnlyWhileThePrimariesAreDown() {
        StickyRouter router = router(Mode.COOKIE);
        Browser browser = new Browser(router);
        for (String name : List.of("a", "b", "c")) {
            backend.setHealthy(backend.server(name).orElseThrow(), false);
        }
        assertThat(browser.request().name()).isEqualTo("spare");
        assertThat(browser.request().name()).isEqualTo("spare");

        backend.setHealthy(backend.server("b").orElseThrow(), true);
        assertThat(browser.request().name()).isEqualTo("b");

        for (String name : List.of("a", "b", "c")) {
            backend.setHealthy(backend.server(name).orElseThrow(), false);
        }
        assertThat(router.route(TestRequest.withCookie("SRV", browser.cookie), null).server().name())
                .isEqualTo("spare");
        backend.setHealthy(backend.server("spare").orElseThrow(), false);
        assertThat(router.route(TestRequest.withCookie("SRV", browser.cookie), null))
                .isEqualTo(StickyRoute.UNAVAILABLE);
    }

    private StickyRouter router(Mode mode) {
        return StickyRouter.create(config(mode), backend, store, clock);
    }

    private static StickyConfig config(Mode mode) {
        return new StickyConfig(mode, "SRV", true, false, Optional.empty(), Duration.ofMinutes(10), Duration.ZERO,
                1_000);
    }

    /** A client that keeps the cookie the balancer sets, as a browser would. */
    private static final class Browser {

        private final StickyRouter router;
        private final StickyCookie reader = new StickyCookie("SRV", false, false, null, Duration.ZERO, Duration.ZERO);
        String cookie;
        int setCookies;

        Browser(StickyRouter router) {
            this.router = router;
        }

        Server request() {
            StickyRoute route = router.route(TestRequest.withCookie("SRV", cookie), null);
            if (route.setCookie() != null) {
                cookie = reader.find(route.setCookie());
                setCookies++;
            }
            return route.server();
        }
    }
}

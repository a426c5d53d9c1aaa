package dev.ballast.node.proxy.http;

import org.junit.jupiter.api.Test;

import static dev.ballast.node.proxy.http.StallTimeouts.Stall.CLIENT_NOT_READING;
import static dev.ballast.node.proxy.http.StallTimeouts.Stall.CLIENT_SILENT;
import static dev.ballast.node.proxy.http.StallTimeouts.Stall.NONE;
import static dev.ballast.node.proxy.http.StallTimeouts.Stall.SERVER_NOT_READING;
import static dev.ballast.node.proxy.http.StallTimeouts.Stall.SERVER_SILENT;
import static org.assertj.core.api.Assertions.assertThat;

class StallTimeoutsTest {

    private static final long SERVER = 1_000;
    private static final long CLIENT = 5_000;

    private final StallTimeouts stalls = new StallTimeouts(SERVER, CLIENT);

    @Test
    void aSilentClientBodyIsTheClientsFaultCountedFromItsLastByte() {
        stalls.attached(100);
        assertThat(stalls.deadline(true, false, 50)).isEqualTo(100 + CLIENT);
        assertThat(stalls.deadline(true, false, 2_000)).isEqualTo(2_000 + CLIENT);
        assertThat(stalls.stallAt(6_999, true, false, 2_000)).isEqualTo(NONE);
        assertThat(stalls.stallAt(7_000, true, false, 2_000)).isEqualTo(CLIENT_SILENT);
    }

    @Test
    void aServerThatStopsAcceptingTheBodyIsBlamedNotTheClient() {
        stalls.attached(0);
        stalls.serverWritable(false, 300);
        assertThat(stalls.deadline(true, false, 0)).isEqualTo(300 + SERVER);
        assertThat(stalls.stallAt(1_300, true, false, 0)).isEqualTo(SERVER_NOT_READING);
        stalls.serverWritable(true, 1_000);
        assertThat(stalls.stallAt(1_300, true, false, 1_000)).isEqualTo(NONE);
    }

    @Test
    void theServerTimeoutRunsOnlyOnceTheServerHasSomethingToAnswer() {
        stalls.attached(0);
        assertThat(stalls.deadline(false, false, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(stalls.stallAt(1_000_000, false, false, 0)).isEqualTo(NONE);
        stalls.serverActive(10);
        assertThat(stalls.deadline(false, true, 0)).isEqualTo(10 + SERVER);
        assertThat(stalls.stallAt(1_010, false, true, 0)).isEqualTo(SERVER_SILENT);
    }

    @Test
    void aClientThatStopsReadingTheResponseIsBlamedNotTheServer() {
        stalls.attached(0);
        stalls.clientWritable(false, 500);
        assertThat(stalls.deadline(false, true, 0)).isEqualTo(500 + CLIENT);
        assertThat(stalls.stallAt(2_000, false, true, 0)).isEqualTo(NONE);
        assertThat(stalls.stallAt(5_500, false, true, 0)).isEqualTo(CLIENT_NOT_READING);
    }

    @Test
    void withBothDirectionsOpenTheEarlierDeadlineCountsAndOnlyThePassedOneIsReported() {
        stalls.attached(0);
        stalls.serverWritable(false, 0);
        assertThat(stalls.deadline(true, true, 0)).isEqualTo(SERVER);
        stalls.serverActive(900);
        assertThat(stalls.stallAt(1_000, true, true, 0)).isEqualTo(SERVER_NOT_READING);
        stalls.serverWritable(true, 950);
        assertThat(stalls.stallAt(1_899, true, true, 0)).isEqualTo(NONE);
        assertThat(stalls.stallAt(1_900, true, true, 0)).isEqualTo(SERVER_SILENT);
    }
}

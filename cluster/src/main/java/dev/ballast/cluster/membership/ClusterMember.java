package dev.ballast.cluster.membership;

import dev.ballast.cluster.DaemonThreads;
import dev.ballast.cluster.RoleListener;
import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.Claims;
import dev.ballast.cluster.election.Handover;
import dev.ballast.cluster.election.LoneClaimHold;
import dev.ballast.cluster.election.ClusterSnapshot;
import dev.ballast.cluster.election.MemberStatus;
import dev.ballast.cluster.election.PrimaryElection;
import dev.ballast.cluster.election.QuorumPolicy;
import dev.ballast.cluster.replication.HybridClock;
import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.ReplicationHub;
import dev.ballast.cluster.replication.TableSettings;
import dev.ballast.cluster.replication.TableStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.NameCache;

/**
 * This node's membership in the cluster: a JGroups channel, the statuses the members exchange, and the election
 * re-run on every view change, status change and promote request. The VIPs this node should own go to the
 * {@link RoleListener}.
 * <p>
 * All election state is confined to one thread ({@code ballast-election}); JGroups' threads only decode and hand
 * over, so neither a slow listener nor a slow tiebreaker check can delay heartbeats.
 */
public final class ClusterMember implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ClusterMember.class);
    private static final long TIEBREAKER_RECHECK_MILLIS = 500;
    private static final long PAUSE_CHECK_MILLIS = 50;
    /**
     * After a pause, stay ineligible until a view with other members is installed (typically the merge MERGE3 finds
     * within 2-4 s, longer on a loaded machine), so the member that took over keeps the VIPs; if none comes (the
     * others died meanwhile, or the pause went unnoticed by them) this member returns after this long.
     */
    private static final long STEP_BACK_MILLIS = 10_000;
    /**
     * After a pause, how long the other members normally take to answer whether they still count this one in (one
     * round trip, milliseconds); a later answer still counts, this only decides when the silence is logged.
     */
    private static final long MEMBERSHIP_CHECK_MILLIS = 500;
    /** Longest a member keeps a lost VIP waiting for its successor's claim (normally one message, milliseconds). */
    private static final long HANDOVER_MILLIS = 2_000;
    private static final long CALL_TIMEOUT_SECONDS = 5;
    /**
     * Every member re-sends its status this often. A status sent right after a merge can reach a member that has
     * not installed the merged view yet and is dropped there (by JGroups or by {@link #onMessage}); without a
     * re-send both sides could wait for each other's status forever and nobody would claim the VIPs.
     */
    private static final long STATUS_RESEND_MILLIS = 1_000;
    /**
     * A member that becomes able to serve while alone in its view waits this long for a merge before claiming VIPs
     * alone ({@link LoneClaimHold}): MERGE3 finds the other side within 1-2 s (info every 0.25-0.75 s, checked every
     * second), with room for a loaded machine.
     */
    private static final long MERGE_WINDOW_MILLIS = 5_000;
    /**
     * After a merge the VIP holder announces its VIPs again at once and once more this much later, when the former
     * second holder has let go (a node lingers 0.5 s in a handover), so no client stays on the other's MAC address.
     */
    private static final long REANNOUNCE_AGAIN_MILLIS = 1_500;
    /** Members of the view without a status for this long (several re-sends lost) count as unreachable. */
    private static final long SILENCE_LIMIT_MILLIS = 5_000;
    /** A joiner waits this long for the replicated tables' state (100,000 entries take about a second). */
    private static final long STATE_TIMEOUT_MILLIS = 30_000;

    private final ClusterSettings settings;
    private final RoleListener listener;
    private final ScheduledExecutorService electionThread;
    private final ScheduledExecutorService pauseWatch;
    private final JChannel channel;
    private final ReplicationHub replication;

    // Confined to the election thread.
    private final Map<Address, MemberStatus> others = new HashMap<>();
    private View view;
    private MemberStatus self;
    private boolean dataPlaneEligible;
    private Optional<String> promoteTarget = Optional.empty();
    /** Highest claim term ever seen, also from members that left since: a takeover must outrank their claims. */
    private long highestTermSeen;
    private PauseDetector pauseDetector;
    private final LoneClaimHold loneHold = new LoneClaimHold(MERGE_WINDOW_MILLIS);
    private boolean loneHoldRecheckScheduled;
    /** When a member of the view was first found without a status (0: none missing). */
    private long silentSinceNanos;
    private boolean silenceReported;
    /** Set by a MergeView until every member of the merged view has been heard from and the outcome is logged. */
    private Optional<String> mergeSettling = Optional.empty();
    private long steppedBackUntilNanos;
    private boolean steppedBack;
    /** After a pause: the check in progress, the members that have not confirmed yet, and the pause length. */
    private long membershipCheckId;
    private final Set<Address> unconfirmedAfterPause = new HashSet<>();
    private long pausedMillis;
    private long handoverDeadlineNanos;
    private boolean handingOver;
    private boolean leaving;
    private final CompletableFuture<Void> handedOverBeforeLeaving = new CompletableFuture<>();

    // Published copies for callers on other threads.
    private volatile Set<String> owned = Set.of();
    private volatile List<String> memberNames = List.of();
    private volatile ClusterSnapshot lastSnapshot = new ClusterSnapshot(List.of(), Map.of(), Optional.empty());
    private volatile Quorum quorumState = new Quorum(false, "not joined yet");

    /**
     * Builds the channel (reads the secret file) without joining yet.
     *
     * @param initiallyEligible whether this node's data plane already works; update with {@link #setEligible}
     */
    public ClusterMember(ClusterSettings settings, boolean initiallyEligible, RoleListener listener) throws Exception {
        this.settings = settings;
        this.listener = listener;
        this.dataPlaneEligible = initiallyEligible;
        this.self = MemberStatus.fresh(settings.nodeName(), false, settings.priority(), settings.preempt());
        this.electionThread = DaemonThreads.singleThreadScheduler("ballast-election-" + settings.nodeName());
        this.pauseWatch = DaemonThreads.singleThreadScheduler("ballast-pause-watch-" + settings.nodeName());
        SharedSecret secret = SharedSecret.fromFile(settings.secretFile());
        this.channel = new JChannel(ProtocolStackFactory.build(settings, secret));
        channel.name(settings.nodeName());
        channel.setDiscardOwnMessages(true);
        channel.setReceiver(new ChannelReceiver());
        this.replication = new ReplicationHub(settings.nodeName(), new HybridClock(System::currentTimeMillis),
                payload -> channel.send(new BytesMessage(null, payload)));
    }

    /**
     * Creates a table replicated to every member (see {@link ReplicatedTable}); call before {@link #start} so that
     * joining fetches its state from the cluster.
     */
    public ReplicatedTable replicatedTable(TableSettings tableSettings) {
        return replication.register(tableSettings);
    }

    /** Sizes, counters and lag of the replicated tables. */
    public List<TableStats> replicationStats() {
        return replication.stats();
    }

    /** Joins the cluster (or founds it); returns once this member has a view. */
    public void start() throws Exception {
        LOG.info("cluster member {} joining cluster '{}' on {} with peers {} (profile {}, {}, mode {})",
                settings.nodeName(), settings.clusterName(), settings.bind(), settings.peers(), settings.profile(),
                settings.quorum().getClass().getSimpleName().toLowerCase(), settings.mode());
        channel.connect(settings.clusterName());
        fetchReplicatedState();
        replication.start();
        // A pause longer than heartbeat timeout + verification may have got us excluded and replaced.
        pauseDetector = new PauseDetector(
                settings.profile().heartbeatTimeoutMillis() + settings.profile().verifySuspectMillis(), System.nanoTime());
        pauseWatch.scheduleWithFixedDelay(logFailure(this::checkForPause), PAUSE_CHECK_MILLIS, PAUSE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        electionThread.scheduleWithFixedDelay(logFailure(this::resendStatus), STATUS_RESEND_MILLIS,
                STATUS_RESEND_MILLIS, TimeUnit.MILLISECONDS);
        if (settings.quorum() instanceof QuorumPolicy.Tiebreaker) {
            electionThread.scheduleWithFixedDelay(logFailure(() -> reevaluate("periodic tiebreaker check")),
                    TIEBREAKER_RECHECK_MILLIS, TIEBREAKER_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** A joiner takes the replicated tables' contents from the coordinator, streamed. */
    private void fetchReplicatedState() {
        View joined = channel.getView();
        if (!replication.hasTables() || joined.size() < 2 || joined.getCoord().equals(channel.getAddress())) {
            return;
        }
        long started = System.nanoTime();
        try {
            channel.getState(null, STATE_TIMEOUT_MILLIS);
            LOG.info("{}: replicated state received from {} in {} ms", settings.nodeName(), joined.getCoord(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.error("{}: could not fetch the replicated state from {}: {}; this member starts with only the "
                    + "updates made from now on", settings.nodeName(), joined.getCoord(), e.toString());
        }
    }

    /** Reports whether this node's data plane works (frontends listening, at least one usable backend server). */
    public void setEligible(boolean eligible) {
        runOnElectionThread(() -> {
            if (dataPlaneEligible != eligible) {
                dataPlaneEligible = eligible;
                LOG.info("{}: data plane {}", settings.nodeName(), eligible ? "eligible again" : "no longer eligible");
                reevaluate(eligible ? "data plane eligible" : "data plane not eligible");
            }
        });
    }

    /**
     * Asks the whole cluster to hand the primary role to {@code node}.
     *
     * @throws IllegalArgumentException when no eligible member of that name is in the current view
     */
    public void promote(String node) throws InterruptedException, TimeoutException {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            ClusterSnapshot snapshot = snapshot();
            boolean eligibleMember = snapshot.candidates().stream().anyMatch(c -> c.node().equals(node));
            if (!eligibleMember) {
                throw new IllegalArgumentException("cannot promote '" + node + "': no eligible member of that name in "
                        + "view " + snapshot.view() + " (statuses: " + snapshot.statuses().values() + ")");
            }
            LOG.info("{}: operator promotes {}", settings.nodeName(), node);
            send(new ClusterMessage.Promote(node));
            applyPromote(node);
        }, electionThread);
        try {
            done.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalStateException("promote of " + node + " failed", e.getCause());
        }
    }

    /** The VIPs this member owns now. */
    public Set<String> ownedVips() {
        return owned;
    }

    /** Names of the members in the current view, oldest first. */
    public List<String> members() {
        return memberNames;
    }

    /** What the last election looked at: the view, every member's status (eligibility, claimed VIPs), a promote. */
    public ClusterSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** Whether this member's quorum policy lets it hold VIPs in the current view, and why. */
    public Quorum quorum() {
        return quorumState;
    }

    /** @param held whether the quorum policy allows this member to hold VIPs now */
    public record Quorum(boolean held, String description) {
    }

    /**
     * Hands this member's VIPs over (it stays the owner until a successor claims them, at most 2 s), leaves the
     * cluster, and then releases whatever it still holds.
     */
    @Override
    public void close() {
        if (electionThread.isShutdown()) {
            return;
        }
        pauseWatch.shutdownNow();
        runOnElectionThread(() -> {
            leaving = true;
            reevaluate("leaving the cluster");
            completeIfHandedOver();
        });
        try {
            handedOverBeforeLeaving.get(HANDOVER_MILLIS + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: no member took the VIPs {} over before leaving; clients see a gap", settings.nodeName(),
                    owned);
        }
        replication.close();
        channel.close();
        CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
            if (!owned.isEmpty()) {
                publishOwned(Set.of(), Map.of(), "member stopped");
            }
        }, electionThread);
        try {
            released.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("{}: releasing the VIPs on stop failed; check them with vip-status", settings.nodeName(), e);
        } finally {
            electionThread.shutdownNow();
        }
    }

    private void resendStatus() {
        if (view != null && view.size() > 1) {
            send(new ClusterMessage.Status(self));
            if (silentSinceNanos != 0) {
                reevaluate("status still missing");
            }
        }
    }

    private void completeIfHandedOver() {
        if (leaving && (owned.isEmpty() || view == null)) {
            handedOverBeforeLeaving.complete(null);
        }
    }

    /** On its own thread, which nothing else can delay: only a pause of the whole process stalls it. */
    private void checkForPause() {
        long now = System.nanoTime();
        long pauseMillis = pauseDetector.tick(now);
        runOnElectionThread(() -> onPauseCheck(now, pauseMillis));
    }

    private void onPauseCheck(long now, long pauseMillis) {
        if (pauseMillis > 0 && view != null && view.size() > 1 && !steppedBack) {
            checkMembershipAfterPause(pauseMillis);
        } else if (steppedBack && now - steppedBackUntilNanos > 0) {
            steppedBack = false;
            reevaluate("step-back after a pause over");
        }
    }

    /**
     * Asks every other member whether it still counts this one in: if one excluded it meanwhile, someone may have
     * taken over its VIPs, and it steps back. A CPU-starved machine delays threads as a pause would, but then the
     * others did not exclude this member and say so. A member that does not answer is frozen, dead or cut off: it
     * cannot have taken over (and if it was merely slow, the merge rule settles a double claim), so silence alone
     * does not make this member step back, which would keep a standby from taking over from a frozen primary.
     */
    private void checkMembershipAfterPause(long pauseMillis) {
        long id = ++membershipCheckId;
        pausedMillis = pauseMillis;
        unconfirmedAfterPause.clear();
        view.getMembers().stream().filter(member -> !member.equals(channel.getAddress()))
                .forEach(unconfirmedAfterPause::add);
        LOG.warn("{}: this process was paused for {} ms, longer than failure detection allows; asking {} whether "
                + "they still count it as a member", settings.nodeName(), pauseMillis, names(unconfirmedAfterPause));
        unconfirmedAfterPause.forEach(member -> sendTo(member, new ClusterMessage.MembershipCheck(id)));
        electionThread.schedule(logFailure(() -> {
            if (id == membershipCheckId && !unconfirmedAfterPause.isEmpty()) {
                LOG.warn("{}: no answer from {} within {} ms after the pause: they are frozen, dead or cut off, so "
                        + "they cannot have taken over; keeping the role (a later 'not a member' still counts)",
                        settings.nodeName(), names(unconfirmedAfterPause), MEMBERSHIP_CHECK_MILLIS);
            }
        }), MEMBERSHIP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void onMembershipAnswer(Address source, ClusterMessage.MembershipAnswer answer) {
        if (answer.id() != membershipCheckId || !unconfirmedAfterPause.contains(source)) {
            return;
        }
        if (!answer.member()) {
            stepBack(nameOf(source) + " no longer counts this member in its view");
            return;
        }
        unconfirmedAfterPause.remove(source);
        if (unconfirmedAfterPause.isEmpty()) {
            membershipCheckId++;
            LOG.warn("{}: paused for {} ms, but every member still counts this one in its view: nobody took over, "
                    + "keeping the role", settings.nodeName(), pausedMillis);
        }
    }

    /** Another member may hold this member's VIPs now: stay out until the views merge (or at most 10 s). */
    private void stepBack(String evidence) {
        membershipCheckId++;
        unconfirmedAfterPause.clear();
        LOG.warn("{}: paused for {} ms and {}: another member may have taken over, so stepping back for {} ms or "
                + "until a view with other members (merge)", settings.nodeName(), pausedMillis, evidence,
                STEP_BACK_MILLIS);
        steppedBack = true;
        steppedBackUntilNanos = System.nanoTime() + STEP_BACK_MILLIS * 1_000_000;
        reevaluate("paused for " + pausedMillis + " ms");
    }

    private List<String> names(Set<Address> members) {
        return members.stream().map(this::nameOf).sorted().toList();
    }

    private void onView(View newView) {
        if (steppedBack && newView.size() > 1) {
            // Back in one view with others (merged or re-admitted): statuses will settle who owns what.
            steppedBack = false;
        }
        if (newView instanceof MergeView merge) {
            // Statuses from the other side are stale or missing: everyone re-sends below.
            others.clear();
            mergeSettling = Optional.of(merge.getSubgroups().toString());
            LOG.warn("{}: partitions merged {} into {}", settings.nodeName(), merge.getSubgroups(), newView);
        } else {
            LOG.info("{}: view {}", settings.nodeName(), newView);
        }
        view = newView;
        others.keySet().retainAll(newView.getMembers());
        send(new ClusterMessage.Status(self));
        reevaluate("view " + viewNames());
    }

    private void onMessage(Address source, ClusterMessage message) {
        if (message instanceof ClusterMessage.Status status) {
            if (view == null || !view.containsMember(source)) {
                LOG.debug("{}: ignoring status of {}, not in view", settings.nodeName(), source);
                return;
            }
            if (status.status().node().equals(settings.nodeName())) {
                LOG.error("{}: another member ({}) uses this node's name; names must be unique, ignoring its status",
                        settings.nodeName(), source);
                return;
            }
            MemberStatus previous = others.put(source, status.status());
            if (!status.status().equals(previous)) {
                reevaluate("status of " + status.status());
            }
        } else if (message instanceof ClusterMessage.MembershipCheck check) {
            sendTo(source, new ClusterMessage.MembershipAnswer(check.id(), view != null && view.containsMember(source)));
        } else if (message instanceof ClusterMessage.MembershipAnswer answer) {
            onMembershipAnswer(source, answer);
        } else if (message instanceof ClusterMessage.Promote promote) {
            LOG.info("{}: {} asks to promote {}", settings.nodeName(), source, promote.node());
            applyPromote(promote.node());
        }
    }

    private void applyPromote(String node) {
        promoteTarget = Optional.of(node);
        reevaluate("promote " + node);
    }

    /** Re-runs the election and acts on the outcome; on the election thread only. */
    private void reevaluate(String trigger) {
        if (view == null) {
            return;
        }
        boolean quorum = settings.quorum().allowsOwnership(view.size());
        boolean couldServe = dataPlaneEligible && !steppedBack;
        boolean quorumPublished = quorum || settings.quorum().sameForWholeView();
        MemberStatus updated = self.withEligible(couldServe && quorumPublished && !leaving);
        boolean holdingAlone = hasOtherPeers()
                && loneHold.holding(System.nanoTime(), view.size(), quorum && updated.eligible());
        ClusterSnapshot snapshot = snapshotWith(updated);
        if (promoteTarget.isPresent() && PrimaryElection.promoteSettled(snapshot)) {
            promoteTarget = Optional.empty();
            snapshot = snapshotWith(updated);
        }
        Set<String> assigned;
        String outcome;
        List<String> silent = snapshot.silentMembers();
        if (!quorum) {
            assigned = Set.of();
            outcome = "no quorum (" + settings.quorum().describe(view.size()) + ")";
        } else if (holdingAlone) {
            assigned = Set.of();
            outcome = "alone in the view: waiting up to " + loneHold.windowMillis() + " ms for the other members "
                    + "(merge) before claiming VIPs alone";
            recheckWhenLoneHoldEnds();
        } else if (!silent.isEmpty() && silentTooLong(silent) && mergeSettling.isPresent() && !isCoordinator()) {
            // Statuses are re-sent every second: several missing means messages are lost. After a merge, two
            // claimants that cannot hear each other would both keep the VIPs; the view's coordinator is the one
            // they agree on. (A silent joiner claims nothing, so then the incumbent keeps the VIPs.)
            assigned = Set.of();
            outcome = "no status from " + silent + " for over " + SILENCE_LIMIT_MILLIS + " ms; only the "
                    + "coordinator " + viewNames().get(0) + " may hold VIPs until they are heard";
        } else if (!silent.isEmpty()) {
            // Hold what we have (or drop it if we became ineligible) until everyone in the view has been heard.
            assigned = updated.eligible() ? owned : Set.of();
            outcome = "waiting for the status of " + silent;
        } else {
            AssignmentMode.Assignment assignment = settings.mode().assign(snapshot, settings.vips());
            Set<String> kept = couldServe
                    ? keptForHandover(Handover.awaitingSuccessor(owned, assignment.owners(), snapshot,
                            settings.nodeName()))
                    : Set.of();
            assigned = new TreeSet<>(assignment.vipsOf(settings.nodeName()));
            assigned.addAll(kept);
            outcome = assignment.reason() + (kept.isEmpty() ? "" : "; keeping " + kept + " until the successor claims");
        }
        highestTermSeen = Math.max(highestTermSeen, snapshot.highestTerm());
        updated = updated.withClaims(Claims.next(self.claims(), assigned, highestTermSeen));
        boolean statusChanged = !updated.equals(self);
        self = updated;
        memberNames = viewNames();
        lastSnapshot = snapshotWith(self);
        quorumState = new Quorum(quorum, settings.quorum().describe(view.size()));
        // Take the VIPs before telling the others: a former owner releases them as soon as it sees this claim, and
        // a handover is hitless only if the successor already holds them by then.
        if (!assigned.equals(owned)) {
            Set<String> taking = new TreeSet<>(assigned);
            taking.removeAll(owned);
            publishOwned(assigned, addressesOf(Handover.formerOwners(taking, snapshot, settings.nodeName())),
                    trigger + " -> " + outcome);
        }
        if (statusChanged) {
            send(new ClusterMessage.Status(self));
        }
        if (silent.isEmpty()) {
            silentSinceNanos = 0;
            silenceReported = false;
        }
        if (mergeSettling.isPresent() && silent.isEmpty()) {
            settleMerge(mergeSettling.get(), snapshot, outcome);
        }
        completeIfHandedOver();
    }

    /** Whether members of the view stayed silent longer than the limit; logged once per episode. */
    private boolean silentTooLong(List<String> silent) {
        long now = System.nanoTime();
        if (silentSinceNanos == 0) {
            silentSinceNanos = now;
            return false;
        }
        boolean tooLong = now - silentSinceNanos > SILENCE_LIMIT_MILLIS * 1_000_000;
        if (tooLong && !silenceReported) {
            silenceReported = true;
            LOG.error("{}: no status from {} for over {} ms although every member re-sends it every {} ms: messages "
                    + "between the members are lost (view {})", settings.nodeName(), silent, SILENCE_LIMIT_MILLIS,
                    STATUS_RESEND_MILLIS, view);
        }
        return tooLong;
    }

    private boolean isCoordinator() {
        return view.getCoord().equals(channel.getAddress());
    }

    private boolean hasOtherPeers() {
        return settings.peers().stream().anyMatch(peer -> !peer.equals(settings.bind()));
    }

    private void recheckWhenLoneHoldEnds() {
        if (loneHoldRecheckScheduled) {
            return;
        }
        loneHoldRecheckScheduled = true;
        long delayNanos = loneHold.remainingNanos(System.nanoTime()) + 1_000_000;
        electionThread.schedule(logFailure(() -> {
            loneHoldRecheckScheduled = false;
            reevaluate("merge window over");
        }), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Logs how a merge ended once every member was heard from (who claimed what before, who holds the VIPs now),
     * and has the holder announce its VIPs again: clients may still follow the other side's announcements.
     */
    private void settleMerge(String subgroups, ClusterSnapshot snapshot, String outcome) {
        mergeSettling = Optional.empty();
        Map<String, Map<String, Long>> claimsBefore = new TreeMap<>();
        snapshot.statuses().values().stream().filter(MemberStatus::claimsAny)
                .forEach(status -> claimsBefore.put(status.node(), status.claims()));
        LOG.warn("{}: merge of {} settled: claims before {}; {}; this node now holds {}", settings.nodeName(),
                subgroups, claimsBefore, outcome, new TreeSet<>(owned));
        if (!owned.isEmpty()) {
            reannounce("partitions merged");
            electionThread.schedule(logFailure(() -> reannounce("partitions merged, former second holder gone")),
                    REANNOUNCE_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void reannounce(String reason) {
        if (owned.isEmpty()) {
            return;
        }
        try {
            listener.reannounce(owned, reason);
        } catch (RuntimeException e) {
            LOG.error("{}: role listener failed to re-announce VIPs {}", settings.nodeName(), owned, e);
        }
    }

    /** Bounds a handover in time: a successor that never claims must not leave two owners for long. */
    private Set<String> keptForHandover(Set<String> awaiting) {
        if (awaiting.isEmpty()) {
            handingOver = false;
            return awaiting;
        }
        long now = System.nanoTime();
        if (!handingOver) {
            handingOver = true;
            handoverDeadlineNanos = now + HANDOVER_MILLIS * 1_000_000;
            electionThread.schedule(logFailure(() -> reevaluate("handover deadline")), HANDOVER_MILLIS,
                    TimeUnit.MILLISECONDS);
            return awaiting;
        }
        if (now - handoverDeadlineNanos >= 0) {
            LOG.warn("{}: successor did not claim {} within {} ms; releasing anyway", settings.nodeName(), awaiting,
                    HANDOVER_MILLIS);
            return Set.of();
        }
        return awaiting;
    }

    /**
     * The cluster address (transport bind address) of each VIP's former owner; a member whose address is not known
     * (not expected: it is in the view) is left out, and its VIP is taken over as after a failover.
     */
    private Map<String, InetAddress> addressesOf(Map<String, String> formerOwners) {
        Map<String, InetAddress> addresses = new TreeMap<>();
        formerOwners.forEach((vip, node) -> others.entrySet().stream()
                .filter(member -> member.getValue().node().equals(node))
                .map(member -> channel.down(new Event(Event.GET_PHYSICAL_ADDRESS, member.getKey())))
                .findFirst()
                .ifPresent(physical -> {
                    if (physical instanceof IpAddress transport) {
                        addresses.put(vip, transport.getIpAddress());
                    } else {
                        LOG.warn("{}: taking VIP {} over from {}, whose address is unknown ({}); nothing is passed on "
                                + "to it", settings.nodeName(), vip, node, physical);
                    }
                }));
        return addresses;
    }

    private void publishOwned(Set<String> vips, Map<String, InetAddress> formerOwners, String reason) {
        Set<String> previous = owned;
        owned = Set.copyOf(new TreeSet<>(vips));
        LOG.warn("{}: VIPs {} -> {}{} because {}", settings.nodeName(), new TreeSet<>(previous), new TreeSet<>(vips),
                formerOwners.isEmpty() ? "" : " (handed over by " + formerOwners + ")", reason);
        try {
            listener.vipsChanged(owned, formerOwners, reason);
        } catch (RuntimeException e) {
            LOG.error("{}: role listener failed on VIPs {}", settings.nodeName(), owned, e);
        }
    }

    private ClusterSnapshot snapshot() {
        return snapshotWith(self);
    }

    private ClusterSnapshot snapshotWith(MemberStatus own) {
        Map<String, MemberStatus> statuses = new LinkedHashMap<>();
        others.values().forEach(status -> statuses.put(status.node(), status));
        statuses.put(own.node(), own);
        return new ClusterSnapshot(viewNames(), statuses, promoteTarget);
    }

    private List<String> viewNames() {
        if (view == null) {
            return List.of();
        }
        return view.getMembers().stream().map(this::nameOf).toList();
    }

    private String nameOf(Address address) {
        if (address.equals(channel.getAddress())) {
            return settings.nodeName();
        }
        MemberStatus status = others.get(address);
        if (status != null) {
            return status.node();
        }
        String logicalName = NameCache.get(address);
        return logicalName != null ? logicalName : address.toString();
    }

    private void send(ClusterMessage message) {
        sendTo(null, message);
    }

    /** @param destination one member, or null for every member of the view */
    private void sendTo(Address destination, ClusterMessage message) {
        try {
            channel.send(new BytesMessage(destination, ClusterMessage.encode(message)));
        } catch (Exception e) {
            LOG.error("{}: cannot send {} to {}: {}", settings.nodeName(), message,
                    destination == null ? "the cluster" : nameOf(destination), e.toString());
        }
    }

    /** The channel, for tests that insert protocols (e.g. DISCARD to cut the member off). */
    JChannel channel() {
        return channel;
    }

    private void runOnElectionThread(Runnable task) {
        try {
            electionThread.execute(logFailure(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: cluster member stopped, dropping an event", settings.nodeName());
        }
    }

    /**
     * An executor keeps a task's exception to itself (and cancels a periodic task for good): log it instead, so a
     * bug shows up in the log rather than as an election that silently stopped.
     */
    private Runnable logFailure(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{}: election task failed; the election state may be stale until the next event",
                        settings.nodeName(), e);
            }
        };
    }

    /** Runs on JGroups' threads: decode, then hand over to the election thread. */
    private final class ChannelReceiver implements Receiver {

        @Override
        public void viewAccepted(View newView) {
            if (newView instanceof MergeView) {
                replication.merged();
            }
            runOnElectionThread(() -> onView(newView));
        }

        @Override
        public void getState(OutputStream output) throws Exception {
            replication.writeState(output);
        }

        @Override
        public void setState(InputStream input) throws Exception {
            replication.readState(input);
        }

        @Override
        public void receive(Message msg) {
            Address source = msg.src();
            if (ReplicationHub.isReplicationMessage(msg.getArray(), msg.getOffset(), msg.getLength())) {
                replication.receive(String.valueOf(source), msg.getArray(), msg.getOffset(), msg.getLength());
                return;
            }
            try {
                ClusterMessage message = ClusterMessage.decode(msg.getArray(), msg.getOffset(), msg.getLength());
                runOnElectionThread(() -> onMessage(source, message));
            } catch (IOException | RuntimeException e) {
                LOG.error("{}: dropping undecodable cluster message from {}: {}", settings.nodeName(), source,
                        e.toString());
            }
        }
    }
}

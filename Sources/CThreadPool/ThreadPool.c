#include "CThreadPool.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() ((void)0)
#endif

/// How long an idle worker spins before it sleeps. The kernels of one training step follow each other within
/// microseconds, and waking a sleeping thread costs tens of them, so a worker waits awake across a step; a
/// process that stops computing gives its cores back after this long.
#define SPIN_NANOSECONDS 2000000ull
/// After this long a waiting thread (a worker between regions, or the caller waiting for a worker's last task)
/// yields its CPU on every turn instead of only pausing: when the scheduler has put both threads on one core (or
/// the VM's second vCPU is not running), pure spinning makes each wait a whole time slice, and W3's step took
/// 8–10 ms at 2 threads instead of 3 (`taskset -c 0 dlbench-microbench --threads 2`).
#define PAUSE_NANOSECONDS 20000ull
#define MAX_WORKERS 255

/// One region: the tasks and the counter that hands them out. Lives on the caller's stack; the caller returns
/// only after every worker that accepted it has finished with it.
typedef struct {
    void (*body)(void *, size_t);
    void *context;
    size_t tasks;
    atomic_size_t next;
} Job;

enum { IDLE, POSTED, ACCEPTED, DONE };

/// A worker's mailbox. The caller posts; the worker accepts with a compare-and-swap, which the caller can beat
/// to take a post back (a worker still asleep when the tasks are all done is not waited for).
typedef struct {
    _Alignas(64) atomic_int state;
    Job *_Atomic job;
    atomic_int sleeping;
    pthread_mutex_t lock;
    pthread_cond_t wake;
} Worker;

static Worker workers[MAX_WORKERS];
static size_t started_workers = 0;
static atomic_size_t thread_count = 1;
static pthread_mutex_t region_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int inside_task = 0;

static uint64_t now_nanoseconds(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (uint64_t)time.tv_sec * 1000000000ull + (uint64_t)time.tv_nsec;
}

/// One turn of a wait: a pause, then after PAUSE_NANOSECONDS a yield each turn. Returns the nanoseconds waited
/// so far (read from the clock every 256 turns, 0 before the first reading).
typedef struct { unsigned turns; uint64_t started; uint64_t waited; } Wait;

static inline uint64_t wait_turn(Wait *wait) {
    if (wait->waited >= PAUSE_NANOSECONDS) sched_yield(); else CPU_RELAX();
    if ((++wait->turns & 255) != 0) return wait->waited;
    const uint64_t now = now_nanoseconds();
    if (wait->started == 0) wait->started = now;
    wait->waited = now - wait->started;
    return wait->waited;
}

static void run_tasks(Job *job) {
    inside_task = 1;
    for (;;) {
        const size_t task = atomic_fetch_add_explicit(&job->next, 1, memory_order_relaxed);
        if (task >= job->tasks) break;
        job->body(job->context, task);
    }
    inside_task = 0;
}

static void *worker_main(void *argument) {
    Worker *worker = argument;
    for (;;) {
        // Wait on the mailbox awake for a while, then asleep.
        Wait wait = {0};
        while (atomic_load(&worker->state) != POSTED) {
            if (wait_turn(&wait) < SPIN_NANOSECONDS) continue;
            // Sleep. `sleeping` before the state check, and the poster's state before its `sleeping` check
            // (both sequentially consistent), so one of the two always sees the other.
            pthread_mutex_lock(&worker->lock);
            atomic_store(&worker->sleeping, 1);
            while (atomic_load(&worker->state) != POSTED) pthread_cond_wait(&worker->wake, &worker->lock);
            atomic_store(&worker->sleeping, 0);
            pthread_mutex_unlock(&worker->lock);
            break;
        }
        int expected = POSTED;
        if (!atomic_compare_exchange_strong(&worker->state, &expected, ACCEPTED)) continue; // taken back
        run_tasks(atomic_load(&worker->job));
        atomic_store(&worker->state, DONE);
    }
    return NULL;
}

void dlbench_pool_set_threads(size_t threads) {
    if (threads < 1) threads = 1;
    if (threads > MAX_WORKERS + 1) threads = MAX_WORKERS + 1;
    pthread_mutex_lock(&region_lock);
    while (started_workers < threads - 1) {
        Worker *worker = &workers[started_workers];
        atomic_init(&worker->state, IDLE);
        atomic_init(&worker->sleeping, 0);
        pthread_mutex_init(&worker->lock, NULL);
        pthread_cond_init(&worker->wake, NULL);
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        const int failed = pthread_create(&thread, &attributes, worker_main, worker);
        pthread_attr_destroy(&attributes);
        if (failed) break; // fewer workers: regions use the ones that started
        started_workers++;
    }
    atomic_store(&thread_count, threads <= started_workers + 1 ? threads : started_workers + 1);
    pthread_mutex_unlock(&region_lock);
}

size_t dlbench_pool_threads(void) { return atomic_load(&thread_count); }

static void run_serially(size_t tasks, void (*body)(void *, size_t), void *context) {
    for (size_t task = 0; task < tasks; task++) body(context, task);
}

/// Hands `job` to `worker`, waking it if it sleeps.
static void post(Worker *worker, Job *job) {
    atomic_store(&worker->job, job);
    atomic_store(&worker->state, POSTED);
    if (atomic_load(&worker->sleeping)) {
        pthread_mutex_lock(&worker->lock);
        pthread_cond_signal(&worker->wake);
        pthread_mutex_unlock(&worker->lock);
    }
}

/// Takes a post back if the worker has not accepted it, else waits until the worker is done with it.
static void take_back_or_wait(Worker *worker) {
    int expected = POSTED;
    if (!atomic_compare_exchange_strong(&worker->state, &expected, IDLE)) {
        Wait wait = {0};
        while (atomic_load(&worker->state) != DONE) wait_turn(&wait);
        atomic_store(&worker->state, IDLE);
    }
}

void dlbench_pool_run(size_t tasks, void (*body)(void *context, size_t task), void *context) {
    const size_t threads = atomic_load(&thread_count);
    if (tasks <= 1 || threads <= 1 || inside_task || pthread_mutex_trylock(&region_lock) != 0) {
        run_serially(tasks, body, context);
        return;
    }
    Job job = {.body = body, .context = context, .tasks = tasks};
    atomic_init(&job.next, 0);
    const size_t helpers = (threads - 1 < tasks - 1) ? threads - 1 : tasks - 1;
    for (size_t index = 0; index < helpers; index++) {
        post(&workers[index], &job);
    }
    run_tasks(&job);
    for (size_t index = 0; index < helpers; index++) {
        take_back_or_wait(&workers[index]);
    }
    pthread_mutex_unlock(&region_lock);
}

/// The round-trip probe: the worker answers every odd value of `ball` with the next even one until it reads -1.
typedef struct { _Alignas(64) atomic_long ball; } Probe;

static void answer_pings(void *context, size_t task) {
    (void)task;
    Probe *probe = context;
    for (;;) {
        const long value = atomic_load_explicit(&probe->ball, memory_order_acquire);
        if (value < 0) return;
        if (value & 1) atomic_store_explicit(&probe->ball, value + 1, memory_order_release);
        else CPU_RELAX();
    }
}

/// Sends `value` and waits up to `limit` nanoseconds for the answer; 0 on time-out. Waits as the pool does
/// (`wait_turn`: yielding after 20 µs). With both threads on one CPU (`taskset -c 0 … --threads 2`) a round trip
/// still measures about a time slice (4 ms here): the honest figure for what each hand-off then costs.
static int ping(Probe *probe, long value, uint64_t limit) {
    atomic_store_explicit(&probe->ball, value, memory_order_release);
    Wait wait = {0};
    while (atomic_load_explicit(&probe->ball, memory_order_acquire) != value + 1)
        if (wait_turn(&wait) > limit) return 0;
    return 1;
}

double dlbench_pool_round_trip_nanoseconds(void) {
    if (atomic_load(&thread_count) < 2 || inside_task || pthread_mutex_trylock(&region_lock) != 0) return -1;
    Probe probe;
    atomic_init(&probe.ball, 0);
    Job job = {.body = answer_pings, .context = &probe, .tasks = 1};
    atomic_init(&job.next, 0);
    post(&workers[0], &job);
    // The first answer may take a wake-up; a later one may wait out a time slice on a loaded machine (another
    // process on the worker's CPU), so only a silence of 100 ms means the worker is not answering. On such a
    // machine the batches stop after half a second, with the median of those measured.
    double batches[7];
    size_t measured = 0;
    long value = 1;
    const uint64_t began = now_nanoseconds();
    if (ping(&probe, value, 1000000000ull)) {
        while (measured < 7 && (measured == 0 || now_nanoseconds() - began < 500000000ull)) {
            enum { ROUNDS = 500 };
            const uint64_t start = now_nanoseconds();
            int answered = 1;
            for (int round = 0; round < ROUNDS && answered; round++) { value += 2; answered = ping(&probe, value, 100000000ull); }
            if (!answered) { measured = 0; break; }
            batches[measured++] = (double)(now_nanoseconds() - start) / ROUNDS;
        }
    }
    atomic_store_explicit(&probe.ball, -1, memory_order_release);
    take_back_or_wait(&workers[0]);
    pthread_mutex_unlock(&region_lock);
    if (measured == 0) return -1;
    // The median batch: one preempted batch does not move it.
    for (size_t i = 1; i < measured; i++)
        for (size_t j = i; j > 0 && batches[j - 1] > batches[j]; j--) { const double t = batches[j]; batches[j] = batches[j - 1]; batches[j - 1] = t; }
    return batches[measured / 2];
}

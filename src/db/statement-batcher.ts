/**
 * Calls that arrive while earlier ones are in the database go to it together, as one statement (issue #13). On
 * loopback a statement costs the server and the database about as much CPU as a small query does, so under load
 * sending them together is most of the saving. Nothing waits on a timer: a call that finds fewer than `inFlight`
 * statements out goes on the next turn of the event loop, with whatever arrived by then.
 *
 * If the database refuses the statement (an error it answered), nothing of it was done, and each call is sent again
 * alone, so each gets the answer or error it would have had by itself. A connection lost on the way is each caller's
 * error, as it would be alone: the answer to a commit may be what was lost, so nothing is sent again.
 */
export class StatementBatcher<Call, Answer> {
  private readonly queue: { call: Call; resolve: (a: Answer) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly how: {
      /** One call as a statement of its own. */
      alone: (call: Call) => Promise<Answer>;
      /** Several calls as one statement: an answer per call, in their order. */
      together: (calls: readonly Call[]) => Promise<Answer[]>;
      /** At most this many calls in one statement, and this many statements out at a time. */
      maxBatch: number;
      inFlight: number;
      /** The order calls take inside a statement (e.g. so two statements lock rows in one order). */
      order?: (a: Call, b: Call) => number;
    },
  ) {}

  call(call: Call): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
      if (this.inFlight < this.how.inFlight) {
        this.inFlight++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    const { alone, together, maxBatch, order } = this.how;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, maxBatch);
      if (order) batch.sort((a, b) => order(a.call, b.call));
      if (batch.length === 1) {
        const [one] = batch;
        await alone(one!.call).then(one!.resolve, one!.reject);
        continue;
      }
      try {
        const answers = await together(batch.map((p) => p.call));
        batch.forEach((p, i) => p.resolve(answers[i]!));
      } catch (error) {
        if (typeof (error as { severity?: unknown }).severity !== 'string') batch.forEach((p) => p.reject(error));
        else await Promise.all(batch.map((p) => alone(p.call).then(p.resolve, p.reject)));
      }
    }
    this.inFlight--;
  }
}

/** The batcher of one database handle for one purpose, made on first use. */
export function batcherOf<Handle extends object, Call, Answer>(
  batchers: WeakMap<Handle, StatementBatcher<Call, Answer>>,
  db: Handle,
  make: () => StatementBatcher<Call, Answer>,
): StatementBatcher<Call, Answer> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = make()));
  return batcher;
}

"use client";
import { OperationKind, OperationStatus, Tags } from "@tim3/protocol";
import { useQueryClient } from "@tanstack/react-query";
import type { Tim3Client } from "@tim3/sdk";
import { errorText } from "@tim3/web";
import { loadReads } from "@tim3/web/react";
import { useCallback, useState } from "react";
import { mergeCircuits } from "../lib/availability";
import type { TrackedOperation } from "../lib/operations";
import { FlowForm, TransferForm } from "./Forms";
import { keys, useDenomination, useLimits, useReserves } from "./hooks";
import { OperationHistory } from "./OperationHistory";
import { useSite } from "./site-context";
import { Tracker } from "./Tracker";
import { WalletPanel } from "./WalletPanel";

export function WalletPage() {
  const { signing, wallet } = useSite();
  const queryClient = useQueryClient();
  const reserves = useReserves();
  const limits = useLimits();
  const dUsda = useDenomination("usda").data;
  const dTim3 = useDenomination("tim3").data;
  const [ops, setOps] = useState<TrackedOperation[]>([]);
  const circuit = mergeCircuits(reserves.data?.circuit, limits.data?.circuit);

  const update = useCallback((requestId: string, patch: Partial<TrackedOperation>) => {
    setOps((list) => list.map((o) => (o.requestId === requestId ? { ...o, ...patch } : o)));
  }, []);

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: keys.balances });
    void queryClient.invalidateQueries({ queryKey: keys.operations(wallet.address) });
    void queryClient.invalidateQueries({ queryKey: keys.reserves });
  }, [queryClient, wallet.address]);

  /** Sign and send; resolves once sent (the form unlocks), then follows the operation in the background. */
  const start = useCallback(
    async (kind: "mint" | "redeem", quantity: string) => {
      // Loaded with the page's first reads: the tracker shows the request from the first click.
      const requestId = (await loadReads()).newRequestId();
      setOps((list) => [{ kind: kind === "mint" ? OperationKind.Mint : OperationKind.Redeem, requestId, quantity, stage: "signing", startedAt: Date.now() }, ...list]);
      let messageId: string;
      let client: Tim3Client;
      try {
        client = (await signing()).client;
        const sent = kind === "mint" ? await client.mint(quantity, { requestId }) : await client.redeem(quantity, { requestId });
        messageId = sent.messageId;
        update(requestId, { stage: "sent", messageId });
        refresh();
      } catch (e) {
        update(requestId, { stage: "failed", error: errorText(e) });
        return;
      }
      const opKind = kind === "mint" ? OperationKind.Mint : OperationKind.Redeem;
      void client
        .waitForOperation(requestId, {
          kind: opKind,
          intervalMs: 1_000,
          timeoutMs: 300_000,
          onProgress: (p) => update(requestId, { stage: "tracking", status: p.status, operation: p.operation }),
        })
        .then(async (first) => {
          // A disputed release is not the end: USDA's Debit-Notice or the admin settles it, so keep watching.
          let op = first;
          update(requestId, { stage: op.status === OperationStatus.Disputed ? "tracking" : "finished", status: op.status, operation: op });
          while (op.status === OperationStatus.Disputed) {
            await new Promise((ok) => setTimeout(ok, 5_000));
            op = (await client.getOperation(requestId, { kind: opKind })) ?? op;
            update(requestId, { stage: op.status === OperationStatus.Disputed ? "tracking" : "finished", status: op.status, operation: op });
          }
        })
        .catch((e) => update(requestId, { stage: "failed", error: errorText(e) }))
        .finally(refresh);
    },
    [signing, update, refresh],
  );

  const limit = (scope: "mint" | "redeem") => {
    const l = limits.data?.[scope];
    return l ? { min: l[Tags.Min], max: l[Tags.Max] } : undefined;
  };

  return (
    <>
      <h1 className="page-title">Wallet</h1>
      <div className="wallet-grid">
        <WalletPanel />
        <FlowForm kind="mint" circuit={circuit} limits={limit("mint")} onStart={start} />
        <FlowForm kind="redeem" circuit={circuit} limits={limit("redeem")} onStart={start} />
        <TransferForm />
      </div>
      <Tracker ops={ops} denomination={(k) => (k === OperationKind.Mint ? dUsda : dTim3)} />
      {wallet.address ? <OperationHistory /> : null}
    </>
  );
}

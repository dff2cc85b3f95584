"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorCodes } from "@tim3/protocol";
import { errorText, formatAmount, hasUsdaFaucet } from "@tim3/web";
import { keptForYou } from "../lib/owed";
import { keys, useBalance, useDenomination, useOwedReturns } from "./hooks";
import { useSite } from "./site-context";

/** Connect Wander (or, on the devnet, the built-in dev wallet); show the address and both balances. */
export function WalletPanel() {
  const { wallet, config } = useSite();
  return (
    <section className="card wallet" aria-labelledby="wallet-title">
      <h2 id="wallet-title">Wallet</h2>
      {wallet.address ? (
        <>
          <p className="small muted">
            Connected with {wallet.kind === "dev" ? "the devnet dev wallet" : "Wander"}
          </p>
          <p className="address mono" data-testid="wallet-address">
            {wallet.address}
          </p>
          <Balances />
          <KeptForYou />
          <div className="button-row">
            {hasUsdaFaucet(config) ? <FaucetButton /> : null}
            <button type="button" className="button-secondary" onClick={() => void wallet.disconnect()}>
              Disconnect
            </button>
          </div>
          {config.devnet && !hasUsdaFaucet(config) ? (
            <p className="small muted" data-testid="no-faucet">
              This devnet&apos;s USDA stands in for the real one and has no faucet: send yourself some from the dev wallet (
              <code>node tools/cli/bin/tim3.mjs transfer &lt;your address&gt; 100 --token usda</code>).
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>Connect a wallet to see your balances and to mint, redeem or transfer.</p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void wallet.connect("wander")} disabled={wallet.connecting} data-testid="connect-wander">
              {wallet.connecting ? "Connecting…" : "Connect Wander"}
            </button>
            {config.devnet ? (
              <button type="button" className="button-secondary" onClick={() => void wallet.connect("dev")} disabled={wallet.connecting} data-testid="connect-dev">
                Use the dev wallet
              </button>
            ) : null}
          </div>
          {!wallet.wanderAvailable ? (
            <p className="muted small">
              Wander was not found in this browser. Install it from <a href="https://www.wander.app">wander.app</a>
              {config.devnet ? ", or use the dev wallet (a key kept in this browser, for the devnet only)." : "."}
            </p>
          ) : null}
        </>
      )}
      <p className="error-text" role="alert">
        {wallet.error ? `Could not connect: ${wallet.error}` : ""}
      </p>
    </section>
  );
}

function Balances() {
  const usda = useBalance("usda");
  const tim3 = useBalance("tim3");
  const dUsda = useDenomination("usda");
  const dTim3 = useDenomination("tim3");
  const show = (q: string | undefined, d: number | undefined, failed: boolean) =>
    failed ? "unavailable" : q === undefined || d === undefined ? "…" : formatAmount(q, d);
  return (
    <dl className="balances" aria-live="polite" aria-label="Balances">
      <div className="stat">
        <dt>USDA</dt>
        <dd data-testid="balance-usda">{show(usda.data, dUsda.data, usda.isError)}</dd>
      </div>
      <div className="stat">
        <dt>TIM3</dt>
        <dd data-testid="balance-tim3">{show(tim3.data, dTim3.data, tim3.isError)}</dd>
      </div>
    </dl>
  );
}

/**
 * Tokens the processes kept instead of returning them (past 3 returns to this wallet within an hour), with a Claim
 * button: shown only while something is kept.
 */
function KeptForYou() {
  const { signing, reader } = useSite();
  const queryClient = useQueryClient();
  const owed = useOwedReturns();
  const dUsda = useDenomination("usda");
  const dTim3 = useDenomination("tim3");
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const kept = owed.data === undefined ? undefined : keptForYou(owed.data, reader.processes);
  const claim = useMutation({
    mutationFn: async () => {
      const { client } = await signing();
      for (const process of kept?.owing ?? []) {
        // Claimed meanwhile (another tab, the CLI): nothing to do at that process.
        await client.claimReturns(process).catch((e: unknown) => {
          if ((e as { code?: unknown }).code !== ErrorCodes.NothingOwed) throw e;
        });
      }
    },
    onSuccess: () => setStatus({ ok: true, text: "Claimed: sent back to your wallet" }),
    onError: (e) => setStatus({ ok: false, text: `Claim refused: ${errorText(e)}` }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.owedAll }), queryClient.invalidateQueries({ queryKey: keys.balances })]),
  });
  if (kept === undefined || kept.owing.length === 0 || dUsda.data === undefined || dTim3.data === undefined) {
    return status === undefined ? null : <p className={`small ${status.ok ? "ok-text" : "error-text"}`} role="status" data-testid="kept-status">{status.text}</p>;
  }
  return (
    <div className="button-row" data-testid="kept-for-you">
      <p className="small">
        Kept for you: {formatAmount(kept.usda, dUsda.data)} USDA · {formatAmount(kept.tim3, dTim3.data)} TIM3
        {kept.other.length > 0 ? ` (and ${kept.other.length} other token${kept.other.length > 1 ? "s" : ""})` : ""}
      </p>
      <button type="button" className="button-secondary" onClick={() => claim.mutate()} disabled={claim.isPending} data-testid="claim-returns">
        {claim.isPending ? "Claiming…" : "Claim"}
      </button>
      <p className={`small ${status?.ok === false ? "error-text" : "ok-text"} full-row`} role="status" aria-live="polite" data-testid="kept-status">
        {status?.text ?? ""}
      </p>
    </div>
  );
}

function FaucetButton() {
  const { signing } = useSite();
  const queryClient = useQueryClient();
  const denomination = useDenomination("usda");
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const faucet = useMutation({
    mutationFn: async () => (await signing()).client.faucet(),
    onSuccess: (sent) => {
      const q = sent.reply?.tags.Quantity;
      const d = denomination.data;
      setStatus({ ok: true, text: q && d !== undefined ? `Received ${formatAmount(q, d)} USDA from the faucet` : "Faucet claimed" });
    },
    onError: (e) => setStatus({ ok: false, text: `Faucet refused: ${errorText(e)}` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.balances }),
  });
  return (
    <>
      <button type="button" className="button-secondary" onClick={() => faucet.mutate()} disabled={faucet.isPending} data-testid="faucet">
        {faucet.isPending ? "Claiming…" : "Get test USDA (faucet)"}
      </button>
      <p className={`small ${status?.ok === false ? "error-text" : "ok-text"} full-row`} role="status" aria-live="polite" data-testid="faucet-status">
        {status?.text ?? ""}
      </p>
    </>
  );
}

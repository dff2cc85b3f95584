import Link from "next/link";
import { LazyHistoryChart } from "../components/LazyHistoryChart";
import { ReservesPanel } from "../components/Reserves";

export default function HomePage() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">TIM3: a token on AO, backed 1:1 by USDA</h1>
        <p>
          Lock USDA and receive the same amount of TIM3; return TIM3 and get the same amount of USDA back. The USDA sits
          with the Lock Manager process, and at every quiet moment the TIM3 supply equals the USDA it holds. The numbers
          below are read live from the State Manager.
        </p>
        <p>
          <Link className="button" href="/wallet/">
            Open your wallet
          </Link>
        </p>
      </section>
      <ReservesPanel />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <LazyHistoryChart />
      </section>
      <section className="card how" aria-labelledby="how-title">
        <h2 id="how-title">How it works</h2>
        <ol>
          <li>
            <strong>Mint:</strong> your USDA goes to the Lock Manager; the Coordinator records the deposit and the Token
            Manager mints the same amount of TIM3 to you.
          </li>
          <li>
            <strong>Redeem:</strong> your TIM3 goes to the Coordinator, is burned, and the Lock Manager releases the same
            amount of USDA to you.
          </li>
          <li>
            <strong>Refunds:</strong> if minting or redeeming is paused or over a limit, what you sent comes back with a
            reason.
          </li>
        </ol>
      </section>
    </>
  );
}

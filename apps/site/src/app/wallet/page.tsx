import type { Metadata } from "next";
import { WalletPage } from "../../components/WalletPage";

export const metadata: Metadata = { title: "Wallet — TIM3" };

export default function Page() {
  return <WalletPage />;
}

/** Leaves the back office for the counter with this customer open (the counter reads its view from the hash). */
export function openCustomerOnCounter(customerId: number): void {
  window.location.hash = `#/customer/${customerId}`;
}

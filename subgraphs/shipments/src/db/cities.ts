/** Real European and UK cities the demo shipments travel between. */
export interface City {
  name: string;
  lat: number;
  lng: number;
}

export const CITIES: readonly City[] = [
  { name: 'London', lat: 51.5074, lng: -0.1278 },
  { name: 'Manchester', lat: 53.4808, lng: -2.2426 },
  { name: 'Birmingham', lat: 52.4862, lng: -1.8904 },
  { name: 'Glasgow', lat: 55.8642, lng: -4.2518 },
  { name: 'Edinburgh', lat: 55.9533, lng: -3.1883 },
  { name: 'Bristol', lat: 51.4545, lng: -2.5879 },
  { name: 'Leeds', lat: 53.8008, lng: -1.5491 },
  { name: 'Dublin', lat: 53.3498, lng: -6.2603 },
  { name: 'Paris', lat: 48.8566, lng: 2.3522 },
  { name: 'Lyon', lat: 45.764, lng: 4.8357 },
  { name: 'Marseille', lat: 43.2965, lng: 5.3698 },
  { name: 'Brussels', lat: 50.8503, lng: 4.3517 },
  { name: 'Antwerp', lat: 51.2194, lng: 4.4025 },
  { name: 'Amsterdam', lat: 52.3676, lng: 4.9041 },
  { name: 'Rotterdam', lat: 51.9244, lng: 4.4777 },
  { name: 'Hamburg', lat: 53.5511, lng: 9.9937 },
  { name: 'Berlin', lat: 52.52, lng: 13.405 },
  { name: 'Munich', lat: 48.1351, lng: 11.582 },
  { name: 'Frankfurt', lat: 50.1109, lng: 8.6821 },
  { name: 'Cologne', lat: 50.9375, lng: 6.9603 },
  { name: 'Copenhagen', lat: 55.6761, lng: 12.5683 },
  { name: 'Stockholm', lat: 59.3293, lng: 18.0686 },
  { name: 'Oslo', lat: 59.9139, lng: 10.7522 },
  { name: 'Warsaw', lat: 52.2297, lng: 21.0122 },
  { name: 'Prague', lat: 50.0755, lng: 14.4378 },
  { name: 'Vienna', lat: 48.2082, lng: 16.3738 },
  { name: 'Zurich', lat: 47.3769, lng: 8.5417 },
  { name: 'Milan', lat: 45.4642, lng: 9.19 },
  { name: 'Madrid', lat: 40.4168, lng: -3.7038 },
  { name: 'Barcelona', lat: 41.3874, lng: 2.1686 },
  { name: 'Lisbon', lat: 38.7223, lng: -9.1393 },
];

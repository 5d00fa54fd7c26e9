import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('believes no X-Forwarded-For by default: the socket’s peer is the client', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', undefined, 0)).toBe('203.0.113.7');
  });

  it('behind one proxy takes the entry the proxy appended, not those the client wrote', () => {
    // nginx appends the address it heard from to whatever the client sent.
    expect(clientAddress('10.0.0.2', '198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', '1.2.3.4, 5.6.7.8, 198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', ['1.2.3.4', '198.51.100.1'], 1)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.1', 2)).toBe('1.2.3.4');
  });

  it('takes the peer when a trusted proxy sent no header, and the leftmost when hops run out', () => {
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '198.51.100.1', 5)).toBe('198.51.100.1');
  });

  it('counts an IPv4-mapped address as IPv4, and IPv6 by its /64', () => {
    expect(clientAddress('::ffff:203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:0db8:0001:0002::/64');
    expect(clientAddress('2001:DB8:1:2:ffff:ffff:ffff:fffe', undefined, 0)).toBe(
      '2001:0db8:0001:0002::/64',
    );
    expect(clientAddress('2001:db8::7', undefined, 0)).toBe('2001:0db8:0000:0000::/64');
    expect(clientAddress('::1', undefined, 0)).toBe('0000:0000:0000:0000::/64');
  });
});

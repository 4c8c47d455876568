package dev.envelope.bench.shapes;

/**
 * The "nested POJO" shape: a JavaBean with getters, four levels deep (the agent follows three),
 * fourteen scalar properties in all.
 */
public class Order {
  private final String id = "ord-42";
  private final int quantity = 3;
  private final boolean express = true;
  private final Customer customer = new Customer();

  public String getId() {
    return id;
  }

  public int getQuantity() {
    return quantity;
  }

  public boolean isExpress() {
    return express;
  }

  public Customer getCustomer() {
    return customer;
  }

  /** Level two. */
  public static class Customer {
    private final String name = "Alice";
    private final String tier = "gold";
    private final long since = 2019L;
    private final Address address = new Address();

    public String getName() {
      return name;
    }

    public String getTier() {
      return tier;
    }

    public long getSince() {
      return since;
    }

    public Address getAddress() {
      return address;
    }
  }

  /** Level three. */
  public static class Address {
    private final String street = "1 Main St";
    private final String city = "Springfield";
    private final String zip = "12345";
    private final String country = "US";
    private final Geo geo = new Geo();

    public String getStreet() {
      return street;
    }

    public String getCity() {
      return city;
    }

    public String getZip() {
      return zip;
    }

    public String getCountry() {
      return country;
    }

    public Geo getGeo() {
      return geo;
    }
  }

  /** Level four: past the default depth limit of three. */
  public static class Geo {
    public double getLat() {
      return 39.78;
    }

    public double getLon() {
      return -89.65;
    }
  }
}
